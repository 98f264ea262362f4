import { KEY_STATUS, SCOPES, labelOf, type Bilingual } from "../../text/catalogue";
import { Badge, Bi, When } from "../platform/parts";

/** The banner after an action on the keys page (`/keys?done=…`). */
export const KEYS_DONE: Record<string, Bilingual> = {
  created: { th: "สร้างกุญแจแล้ว", en: "The key is created." },
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
};

const GRACE_OPTIONS = [
  { seconds: 0, th: "หยุดใช้ทันที", en: "Stop at once" },
  { seconds: 3600, th: "1 ชั่วโมง", en: "1 hour" },
  { seconds: 86400, th: "1 วัน", en: "1 day" },
  { seconds: 604800, th: "7 วัน", en: "7 days" },
];

function KeyActions(props: { k: KeyView }) {
  const { k } = props;
  const base = `/keys/${encodeURIComponent(k.id)}`;
  if (k.status !== "active" && k.status !== "rotating") return <span>—</span>;
  return (
    <>
      {k.status === "active" ? (
        <form method="post" action={`${base}/rotate`}>
          <label for={`grace-${k.id}`}>กุญแจเดิมใช้ต่อได้ / Old key keeps working</label>
          <select id={`grace-${k.id}`} name="graceSeconds">
            {GRACE_OPTIONS.map((o) => (
              <option value={String(o.seconds)} selected={o.seconds === 86400}>
                {o.th} / {o.en}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary" aria-label={`เปลี่ยนกุญแจ / Rotate: ${k.name}`}>
            เปลี่ยนกุญแจ / Rotate
          </button>
        </form>
      ) : null}
      <a class="button danger" href={`${base}/delete`} aria-label={`ลบ / Delete: ${k.name} (${k.prefix}…)`}>
        ลบ / Delete
      </a>
    </>
  );
}

function KeyRow(props: { k: KeyView }) {
  const { k } = props;
  return (
    <tr>
      <td data-label="ชื่อ / Name">
        <strong>{k.name}</strong>
        {k.isNew ? <span class="badge active"> ใหม่ / New</span> : null}
        <br />
        <code>{k.prefix}…</code>
      </td>
      <td data-label="สิทธิ์ / Scopes">
        {k.scopes.map((s) => (
          <div>
            <Bi text={labelOf(SCOPES, s)} />
          </div>
        ))}
      </td>
      <td data-label="สถานะ / Status">
        <Badge text={labelOf(KEY_STATUS, k.status)} />
        {k.beingReplaced ? (
          <div class="small">
            กำลังถูกแทนที่ หยุดใช้เมื่อ / Being replaced, stops at <When iso={k.graceUntil} />
          </div>
        ) : k.graceUntil ? (
          <div class="small">
            ใช้ได้ถึง / Works until <When iso={k.graceUntil} />
          </div>
        ) : null}
      </td>
      <td data-label="วันที่ / Dates" class="small">
        <div>
          สร้าง / Created: <When iso={k.createdAt} />
        </div>
        <div>
          หมดอายุ / Expires: <When iso={k.expiresAt} />
        </div>
        <div>
          ใช้ล่าสุด / Last used: <When iso={k.lastUsedAt} />
        </div>
      </td>
      <td data-label="จัดการ / Actions">
        <KeyActions k={k} />
      </td>
    </tr>
  );
}

/** The keys as a table that stacks into cards on narrow screens. */
export function KeyTable(props: { keys: KeyView[] }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">ชื่อ / Name</th>
            <th scope="col">สิทธิ์ / Scopes</th>
            <th scope="col">สถานะ / Status</th>
            <th scope="col">วันที่ / Dates</th>
            <th scope="col">จัดการ / Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((k) => (
            <KeyRow k={k} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
