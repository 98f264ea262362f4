import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { KeyTable, type KeyView } from "./key-table";
import { NewSecretBox } from "./new-secret-box";
import { Heading } from "../platform/parts";
import { SuccessBanner } from "../platform/console-layout";
import type { Bilingual } from "../../text/bilingual";

export type { KeyView };

/** The user's API keys: create, rotate, delete; a new key's secret is shown once. */
export function KeysPage(props: {
  user: LayoutUser;
  keys: KeyView[];
  canPublish: boolean;
  newSecret?: { name: string; secret: string } | null;
  notice?: Bilingual | null;
  error?: string | null;
}) {
  return (
    <Layout title="กุญแจ API / API keys" user={props.user}>
      <SuccessBanner notice={props.notice} />
      <Heading th="กุญแจ API" en="API keys" />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {props.newSecret ? <NewSecretBox name={props.newSecret.name} secret={props.newSecret.secret} /> : null}
      <Heading level={2} th="สร้างกุญแจใหม่" en="Create a key" />
      <form method="post" action="/keys">
        <label for="key-name">ชื่อกุญแจ / Key name</label>
        <input id="key-name" name="name" type="text" required maxlength={100} autocomplete="off" />
        <fieldset>
          <legend>สิทธิ์ / Scope</legend>
          <label class="check" for="scope-read">
            <input id="scope-read" type="radio" name="scope" value="read" checked />
            <span>อ่านข้อมูล / Read: ใช้ API ของ Data.go.th / use the Data.go.th API</span>
          </label>
          <label class={props.canPublish ? "check" : "check disabled"} for="scope-publish">
            <input
              id="scope-publish"
              type="radio"
              name="scope"
              value="publish"
              disabled={!props.canPublish}
              aria-describedby="publish-hint"
            />
            <span>เผยแพร่ข้อมูล / Publish: อ่านและเผยแพร่ชุดข้อมูลของหน่วยงาน / read and publish the agency's datasets</span>
          </label>
          <p class="hint" id="publish-hint">
            {props.canPublish
              ? "กุญแจเผยแพร่ข้อมูลดอกแรกจะเริ่มสิทธิ์ผู้ดูแลข้อมูลของท่าน / Your first publish key starts your data steward access."
              : "ต้องเป็นผู้ดูแลข้อมูลที่ได้รับอนุมัติแล้วจึงสร้างกุญแจเผยแพร่ได้ / Publish keys need an approved data steward membership."}
          </p>
        </fieldset>
        <label for="expires">อายุกุญแจ (วัน) / Expires in (days)</label>
        <p class="hint" id="expires-hint">
          ไม่บังคับ เว้นว่างไว้หากไม่ต้องการให้หมดอายุ / Optional: leave empty for no expiry.
        </p>
        <input
          id="expires"
          name="expiresInDays"
          type="number"
          inputmode="numeric"
          min="1"
          step="1"
          aria-describedby="expires-hint"
        />
        <div class="actions">
          <button type="submit">สร้างกุญแจ / Create key</button>
        </div>
      </form>
      <Heading level={2} th="กุญแจของฉัน" en="My keys" />
      {props.keys.length === 0 ? <p>ยังไม่มีกุญแจ / No keys yet.</p> : <KeyTable keys={props.keys} />}
    </Layout>
  );
}
