import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { KeyTable, type KeyView } from "./key-table";
import { NewSecretBox } from "./new-secret-box";
import { UsageChart } from "./usage-chart";
import { Heading } from "../platform/parts";
import { SuccessBanner } from "../platform/console-layout";
import { T } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import type { Bilingual } from "../../text/bilingual";

export type { KeyView };

/** The key form's fields as typed, so a refused form comes back as it was sent. */
export interface KeyFormValues {
  name: string;
  scope: string;
  expiresInDays: string;
}

const TITLE = { th: "กุญแจ API", en: "API keys" };

/**
 * The user's API keys: create, rotate, delete; a new key's secret is shown once. The create
 * form carries a one-time `formToken` (a second post of the same form makes no second key);
 * a person who has not accepted the current terms is sent to them instead of the form.
 */
export function KeysPage(props: {
  user: LayoutUser;
  keys: KeyView[];
  canPublish: boolean;
  /** The longest life of a key per scope, in days (the lifetime policy). */
  maxDays: { read: number; publish: number };
  termsAccepted: boolean;
  formToken: string;
  newSecret?: { name: string; secret: string } | null;
  notice?: Bilingual | null;
  /** A refused create form's problem, or a refused rotation's (at its key's grace choice). */
  problem?: FormProblem | null;
  values?: KeyFormValues | null;
}) {
  const problem = props.problem ?? null;
  return (
    <Layout title={TITLE} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <SuccessBanner notice={props.notice} />
      <Heading {...TITLE} />
      {props.newSecret ? <NewSecretBox name={props.newSecret.name} secret={props.newSecret.secret} /> : null}
      <Heading level={2} th="สร้างกุญแจใหม่" en="Create a key" />
      {props.termsAccepted ? (
        <KeyForm
          canPublish={props.canPublish}
          maxDays={props.maxDays}
          formToken={props.formToken}
          problem={problem}
          values={props.values ?? null}
        />
      ) : (
        <Notice kind="info">
          <p>
            <T
              th="ก่อนสร้างกุญแจ ท่านต้องอ่านและยอมรับข้อตกลงการใช้งานฉบับปัจจุบัน"
              en="Before you create a key, read and accept the current terms of use."
            />
          </p>
          <p>
            <a class="button" href="/terms">
              <T th="อ่านและยอมรับข้อตกลง" en="Read and accept the terms" />
            </a>
          </p>
        </Notice>
      )}
      <Heading level={2} th="กุญแจของฉัน" en="My keys" />
      {props.keys.length === 0 ? (
        <p>
          <T th="ยังไม่มีกุญแจ" en="No keys yet." />
        </p>
      ) : (
        <KeyTable keys={props.keys} problem={problem} />
      )}
      <KeyUsage keys={props.keys} />
    </Layout>
  );
}

function KeyForm(props: {
  canPublish: boolean;
  maxDays: { read: number; publish: number };
  formToken: string;
  problem: FormProblem | null;
  values: KeyFormValues | null;
}) {
  const { problem: p } = props;
  const v = props.values ?? { name: "", scope: "read", expiresInDays: "" };
  const publish = props.canPublish && v.scope === "publish";
  return (
    <form method="post" action="/keys" novalidate data-submit-once>
      <input type="hidden" name="formToken" value={props.formToken} />
      <label for="name">
        <T th="ชื่อกุญแจ" en="Key name" />
      </label>
      <p class="hint" id="name-hint">
        <T th="ชื่อที่ช่วยให้จำได้ว่าระบบใดใช้กุญแจนี้" en="A name that tells you which system uses this key." />
      </p>
      <FieldMessage problem={p} field="name" />
      <input
        id="name"
        name="name"
        type="text"
        required
        maxlength={100}
        autocomplete="off"
        value={v.name}
        {...fieldAttrs(p, "name", "name-hint")}
      />
      <fieldset aria-describedby="publish-hint">
        <legend>
          <T th="สิทธิ์" en="Scope" />
        </legend>
        <FieldMessage problem={p} field="scope" />
        <label class="check" for="scope">
          <input id="scope" type="radio" name="scope" value="read" checked={!publish} {...fieldAttrs(p, "scope")} />
          <span>
            <T th="อ่านข้อมูล: ใช้ API ของ Data.go.th" en="Read: use the Data.go.th API" />
          </span>
        </label>
        <label class={props.canPublish ? "check" : "check disabled"} for="scope-publish">
          <input
            id="scope-publish"
            type="radio"
            name="scope"
            value="publish"
            checked={publish}
            disabled={!props.canPublish}
          />
          <span>
            <T th="เผยแพร่ข้อมูล: อ่านและเผยแพร่ชุดข้อมูลของหน่วยงาน" en="Publish: read and publish the agency's datasets" />
          </span>
        </label>
        <p class="hint" id="publish-hint">
          {props.canPublish ? (
            <T
              th="กุญแจเผยแพร่ข้อมูลดอกแรกจะเริ่มสิทธิ์ผู้ดูแลข้อมูลของท่าน"
              en="Your first publish key starts your data steward access."
            />
          ) : (
            <T
              th="ต้องเป็นผู้ดูแลข้อมูลที่ได้รับอนุมัติแล้วจึงสร้างกุญแจเผยแพร่ได้"
              en="Publish keys need an approved data steward membership."
            />
          )}
        </p>
      </fieldset>
      <label for="expiresInDays">
        <T th="อายุกุญแจ (วัน)" en="Expires in (days)" />
      </label>
      <p class="hint" id="expiresInDays-hint">
        <T
          th={`ไม่เกิน ${props.maxDays.read} วันสำหรับกุญแจอ่านข้อมูล ไม่เกิน ${props.maxDays.publish} วันสำหรับกุญแจเผยแพร่ข้อมูล เว้นว่างไว้เพื่อใช้อายุสูงสุด`}
          en={`At most ${props.maxDays.read} days for a read key, ${props.maxDays.publish} days for a publish key: leave empty for the longest.`}
        />
      </p>
      <FieldMessage problem={p} field="expiresInDays" />
      <input
        id="expiresInDays"
        name="expiresInDays"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        value={v.expiresInDays}
        {...fieldAttrs(p, "expiresInDays", "expiresInDays-hint")}
      />
      <div class="actions">
        <button type="submit">
          <T th="สร้างกุญแจ" en="Create key" />
        </button>
      </div>
    </form>
  );
}

/**
 * สถิติการใช้งาน: a chart per key that works or was used in the period (a long-revoked key
 * with no use is left out).
 */
function KeyUsage(props: { keys: KeyView[] }) {
  const shown = props.keys.filter(
    (k) =>
      k.usage && (k.status === "active" || k.status === "rotating" || k.usage.some((d) => d.valid + d.refused > 0)),
  );
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="usage-heading">
      <Heading level={2} id="usage-heading" th="สถิติการใช้งาน" en="Usage" />
      <p class="small">
        <T
          th="จำนวนครั้งที่ระบบตรวจกุญแจแต่ละดอกต่อวัน (เวลากรุงเทพฯ) ผ่าน = ใช้งานได้ ถูกปฏิเสธ = ถูกเพิกถอน หมดอายุ ระงับ เกินอัตราที่กำหนด หรือไม่มีสิทธิ์ที่ขอ ตัวเลขอาจช้าไม่เกินหนึ่งนาที"
          en="How many times each key was checked per day (Bangkok time). Valid: let through. Refused: revoked, expired, disabled, over its rate limit, or without the scope asked for. Figures may be up to a minute late."
        />
      </p>
      {shown.map((k) => (
        <UsageChart keyId={k.id} name={k.name} prefix={k.prefix} days={k.usage!} />
      ))}
    </section>
  );
}
