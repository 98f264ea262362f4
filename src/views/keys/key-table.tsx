import { KEY_STATUS, SCOPES, labelOf, type Bilingual } from "../../text/catalogue";
import { Badge, Bi, When, type BadgeTone } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import type { UsageDay } from "./usage-chart";

/** The banner after an action on the keys page (`/keys?done=…`). */
export const KEYS_DONE: Record<string, Bilingual> = {
  created: { th: "สร้างกุญแจแล้ว", en: "The key is created." },
  /** A second post of one form (a double click): the first made the key, and showed its secret once. */
  resent: {
    th: "แบบฟอร์มถูกส่งซ้ำ ระบบสร้างกุญแจเพียงดอกเดียว หากท่านไม่เห็นรหัสลับของกุญแจใหม่ ให้ลบกุญแจนั้นแล้วสร้างใหม่",
    en: "The form arrived twice; one key was made. If you did not see the new key's secret, delete that key and create another.",
  },
  rotated: { th: "เปลี่ยนกุญแจแล้ว", en: "The key is rotated." },
  deleted: { th: "ลบกุญแจแล้ว กุญแจหยุดทำงานทันที", en: "The key is deleted: it stopped working at once." },
};

export type KeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  graceUntil: string | null;
  /** A rotation replaced it: it works until `graceUntil`, then stops. */
  beingReplaced?: boolean;
  /** It replaces a key that is still in its grace. */
  isNew?: boolean;
  /** Its verifications per Bangkok day, oldest first (the usage chart). */
  usage?: UsageDay[];
};

/** The id of a key's grace choice in its rotation form (a failed rotation's message points here). */
export const graceFieldId = (keyId: string) => `grace-${keyId}`;

const GRACE_OPTIONS: { seconds: number; label: Bilingual }[] = [
  { seconds: 0, label: { th: "หยุดใช้ทันที", en: "Stop at once" } },
  { seconds: 3600, label: { th: "1 ชั่วโมง", en: "1 hour" } },
  { seconds: 86400, label: { th: "1 วัน", en: "1 day" } },
  { seconds: 604800, label: { th: "7 วัน", en: "7 days" } },
];

/** Green while it works, amber while a new key replaces it, red once it has stopped. */
function toneOf(k: KeyView): BadgeTone {
  if (k.status === "active") return "ok";
  if (k.status === "rotating") return "waiting";
  return "ended";
}

function KeyActions(props: { k: KeyView; problem: FormProblem | null }) {
  const { k, problem } = props;
  const base = `/keys/${encodeURIComponent(k.id)}`;
  const grace = graceFieldId(k.id);
  if (k.status !== "active" && k.status !== "rotating") return <span>—</span>;
  return (
    <>
      {k.status === "active" ? (
        <form method="post" action={`${base}/rotate`} data-submit-once>
          <label for={grace}>
            <T th="กุญแจเดิมใช้ต่อได้" en="Old key keeps working" />
          </label>
          <FieldMessage problem={problem} field={grace} />
          <select id={grace} name="graceSeconds" {...fieldAttrs(problem, grace)}>
            {GRACE_OPTIONS.map((o) => (
              <option value={String(o.seconds)} selected={o.seconds === 86400}>
                {t(o.label)}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            <T th="เปลี่ยนกุญแจ" en="Rotate" />
            <span class="vh">: {k.name}</span>
          </button>
        </form>
      ) : null}
      <a class="button danger" href={`${base}/delete`}>
        <T th="ลบ" en="Delete" />
        <span class="vh">
          : {k.name} ({k.prefix}…)
        </span>
      </a>
    </>
  );
}

function KeyRow(props: { k: KeyView; problem: FormProblem | null }) {
  const { k } = props;
  return (
    <tr>
      <td data-label={t({ th: "ชื่อ", en: "Name" })}>
        <strong>{k.name}</strong>
        {k.isNew ? (
          <>
            {" "}
            <Badge text={{ th: "ใหม่", en: "New" }} tone="ok" />
          </>
        ) : null}
        <br />
        <code>{k.prefix}…</code>
      </td>
      <td data-label={t({ th: "สิทธิ์", en: "Scopes" })}>
        {k.scopes.map((s) => (
          <div>
            <Bi text={labelOf(SCOPES, s)} />
          </div>
        ))}
      </td>
      <td data-label={t({ th: "สถานะ", en: "Status" })}>
        <Badge text={labelOf(KEY_STATUS, k.status)} tone={toneOf(k)} />
        {k.beingReplaced ? (
          <div class="small">
            <T th="กำลังถูกแทนที่ หยุดใช้เมื่อ" en="Being replaced, stops at" /> <When iso={k.graceUntil} />
          </div>
        ) : k.graceUntil ? (
          <div class="small">
            <T th="ใช้ได้ถึง" en="Works until" /> <When iso={k.graceUntil} />
          </div>
        ) : null}
      </td>
      <td data-label={t({ th: "วันที่", en: "Dates" })} class="small">
        <div>
          <T th="สร้าง:" en="Created:" /> <When iso={k.createdAt} />
        </div>
        <div>
          <T th="หมดอายุ:" en="Expires:" /> <When iso={k.expiresAt} />
        </div>
        <div>
          <T th="ใช้ล่าสุด:" en="Last used:" /> <When iso={k.lastUsedAt} />
        </div>
      </td>
      <td data-label={t({ th: "จัดการ", en: "Actions" })}>
        <KeyActions k={k} problem={props.problem} />
      </td>
    </tr>
  );
}

/**
 * The keys as a table that stacks into cards on narrow screens. `problem` is a refused
 * rotation's, shown at that key's grace choice.
 */
export function KeyTable(props: { keys: KeyView[]; problem?: FormProblem | null }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">
          <T th="กุญแจของฉัน" en="My keys" />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <T th="ชื่อ" en="Name" />
            </th>
            <th scope="col">
              <T th="สิทธิ์" en="Scopes" />
            </th>
            <th scope="col">
              <T th="สถานะ" en="Status" />
            </th>
            <th scope="col">
              <T th="วันที่" en="Dates" />
            </th>
            <th scope="col">
              <T th="จัดการ" en="Actions" />
            </th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((k) => (
            <KeyRow k={k} problem={props.problem ?? null} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
