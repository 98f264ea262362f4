import type { Bilingual } from "../../text/bilingual";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../lib/vocabulary";
import { FieldMessage, fieldAttrs, type FormProblem } from "./form-problem";
import { T } from "./page-context";
import { Bi } from "./parts";

// The form that registers a webhook endpoint (views/platform/webhooks-page.tsx).

/** What each event type means, for the checkboxes and the endpoint lists. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, Bilingual> = {
  "membership.activated": { th: "บทบาทผู้ดูแลข้อมูลเริ่มใช้งาน", en: "A steward role became active" },
  "membership.suspended": { th: "บทบาทถูกระงับชั่วคราว", en: "A steward role was suspended" },
  "membership.resumed": { th: "บทบาทกลับมาใช้งาน", en: "A steward role was reinstated" },
  "membership.revoked": { th: "บทบาทถูกเพิกถอน", en: "A steward role was revoked" },
  "membership.cancelled": { th: "ผู้ดูแลสละบทบาท", en: "A steward gave up the role" },
  "membership.superseded": { th: "บทบาทส่งมอบให้ผู้รับช่วง", en: "A steward role passed to a successor" },
  "key.created": { th: "สร้างกุญแจ API", en: "An API key was created" },
  "key.rotated": { th: "เปลี่ยนกุญแจ API", en: "An API key was rotated" },
  "key.revoked": { th: "เพิกถอนกุญแจ API (หรือบังคับให้หมดอายุ)", en: "An API key was revoked (or forced to expire)" },
};

export interface WebhookFormValues {
  url: string;
  description: string;
  /** The boxes ticked: `*` or event types. */
  events: string[];
}

/** How the form's fields are named when they are wrong. */
export const WEBHOOK_FORM_MESSAGES = {
  fields: {
    url: {
      th: "กรอก URL แบบ https:// ที่ไม่มีชื่อผู้ใช้ รหัสผ่าน หรือ #",
      en: "Enter an https:// URL without a user name, password or #fragment",
    },
    description: { th: "คำอธิบายยาวไม่เกิน 200 ตัวอักษร ไม่มีอักขระควบคุม", en: "A description of up to 200 plain characters" },
    events: { th: "เลือกเหตุการณ์อย่างน้อยหนึ่งรายการ", en: "Choose at least one event" },
  },
};

/** URL, description and the events (all, or some), with a one-time form token. */
export function WebhookForm(props: {
  formToken: string;
  problem: FormProblem | null;
  values: WebhookFormValues | null;
}) {
  const p = props.problem;
  const v = props.values ?? { url: "", description: "", events: ["*"] };
  return (
    <form method="post" action="/admin/webhooks" novalidate data-submit-once>
      <input type="hidden" name="formToken" value={props.formToken} />
      <label for="url">
        <T th="URL ของผู้รับ" en="Receiver URL" />
      </label>
      <p class="hint" id="url-hint">
        <T
          th="ต้องเป็น https:// ระบบจะส่ง POST ที่ลงนามตามมาตรฐาน Standard Webhooks ไปที่นี่"
          en="Must be https://. Signed POSTs (Standard Webhooks) are sent here."
        />
      </p>
      <FieldMessage problem={p} field="url" />
      <input
        id="url"
        name="url"
        type="url"
        inputmode="url"
        required
        maxlength={2000}
        autocomplete="off"
        spellcheck={false}
        value={v.url}
        {...fieldAttrs(p, "url", "url-hint")}
      />
      <label for="description">
        <T th="คำอธิบาย (ไม่บังคับ)" en="Description (optional)" />
      </label>
      <FieldMessage problem={p} field="description" />
      <input
        id="description"
        name="description"
        type="text"
        maxlength={200}
        autocomplete="off"
        value={v.description}
        {...fieldAttrs(p, "description")}
      />
      <fieldset>
        <legend>
          <T th="เหตุการณ์ที่ส่ง" en="Events to send" />
        </legend>
        <FieldMessage problem={p} field="events" />
        <label class="check" for="events">
          <input
            id="events"
            type="checkbox"
            name="events"
            value="*"
            checked={v.events.includes("*")}
            {...fieldAttrs(p, "events")}
          />
          <span>
            <T th="ทุกเหตุการณ์ (รวมถึงที่เพิ่มในอนาคต)" en="Every event (also ones added later)" />
          </span>
        </label>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label class="check" for={`events-${type}`}>
            <input id={`events-${type}`} type="checkbox" name="events" value={type} checked={v.events.includes(type)} />
            <span>
              <Bi text={WEBHOOK_EVENT_LABELS[type]} /> <code>{type}</code>
            </span>
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit">
          <T th="ลงทะเบียนปลายทาง" en="Register the endpoint" />
        </button>
      </div>
    </form>
  );
}
