import type { Bilingual } from "../../text/bilingual";
import type { WebhookEventType } from "../../lib/vocabulary";
import type { LayoutUser } from "./layout";
import { ConsolePage } from "./console-layout";
import type { FormProblem } from "./form-problem";
import { T, t } from "./page-context";
import { Badge, When, type BadgeTone } from "./parts";
import { WEBHOOK_EVENT_LABELS, WebhookForm, type WebhookFormValues } from "./webhook-form";

// The administrators' webhooks page: the endpoints other portals receive signed events at (each
// with its secret behind a disclosure, its recent deliveries and their retries), and the form
// that registers one.

export interface WebhookDeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string;
  secret: string;
  events: string[];
  status: "enabled" | "disabled";
  createdAt: string;
  /** Until when the secret before the last rotation still signs (null: it does not). */
  previousSecretUntil: string | null;
  /** The rotate form's one-time token (a double post rotates once). */
  rotateToken: string;
  deliveries: WebhookDeliveryRow[];
}

export const WEBHOOKS_DONE: Record<string, Bilingual> = {
  registered: {
    th: "ลงทะเบียนปลายทางแล้ว ตั้งค่ารหัสลับด้านล่างที่ระบบผู้รับ",
    en: "Registered: configure the receiver with the secret below.",
  },
  enabled: { th: "เปิดใช้งานปลายทางแล้ว", en: "The endpoint is enabled." },
  disabled: {
    th: "ปิดใช้งานปลายทางแล้ว รายการที่รอส่งถูกยกเลิก",
    en: "The endpoint is disabled; its pending deliveries failed.",
  },
  rotated: {
    th: "เปลี่ยนรหัสลับแล้ว รหัสเดิมยังลงนามได้อีก 24 ชั่วโมง ตั้งค่ารหัสใหม่ที่ระบบผู้รับภายในเวลานั้น",
    en: "New secret: the old one still signs for 24 hours. Configure the receiver with the new one before then.",
  },
  rotated_now: {
    th: "เปลี่ยนรหัสลับแล้ว รหัสเดิมใช้ไม่ได้ทันที ตั้งค่ารหัสใหม่ที่ระบบผู้รับ",
    en: "New secret: the old one stopped at once. Configure the receiver with the new one.",
  },
  retried: { th: "กำลังส่งอีกครั้ง", en: "On its way again." },
  resent: { th: "ส่งแบบฟอร์มนี้ไปแล้ว", en: "This form was already sent." },
};

const STATUS: Record<WebhookDeliveryRow["status"], { text: Bilingual; tone: BadgeTone }> = {
  pending: { text: { th: "รอส่ง", en: "Pending" }, tone: "waiting" },
  delivered: { text: { th: "ส่งถึงแล้ว", en: "Delivered" }, tone: "ok" },
  failed: { text: { th: "ส่งไม่สำเร็จ", en: "Failed" }, tone: "ended" },
};

const eventLabel = (type: string) => (type === "*" ? t({ th: "ทุกเหตุการณ์", en: "Every event" }) : type);

const COLUMNS = {
  event: { th: "เหตุการณ์", en: "Event" },
  status: { th: "สถานะ", en: "Status" },
  attempts: { th: "ครั้งที่ลอง / คำตอบล่าสุด", en: "Attempts / last answer" },
  next: { th: "ลองครั้งถัดไป", en: "Next attempt" },
  action: { th: "จัดการ", en: "Action" },
} satisfies Record<string, Bilingual>;

function Deliveries(props: { endpoint: WebhookEndpointRow }) {
  const { endpoint } = props;
  if (endpoint.deliveries.length === 0)
    return (
      <p>
        <T th="ยังไม่มีการส่ง" en="Nothing sent yet." />
      </p>
    );
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption>
          <T th="การส่งล่าสุดไปที่" en="Recent deliveries to" /> <span class="mono">{endpoint.url}</span>
        </caption>
        <thead>
          <tr>
            {Object.values(COLUMNS).map((label) => (
              <th scope="col">{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {endpoint.deliveries.map((d) => (
            <tr>
              <td data-label={t(COLUMNS.event)}>
                <code>{d.eventType}</code>
                <div class="small mono">{d.eventId}</div>
                <div class="small">
                  <When iso={d.createdAt} />
                </div>
              </td>
              <td data-label={t(COLUMNS.status)}>
                <Badge text={STATUS[d.status].text} tone={STATUS[d.status].tone} />
              </td>
              <td data-label={t(COLUMNS.attempts)}>
                {d.attempts} · {d.lastStatus === null ? "—" : `HTTP ${d.lastStatus}`}
                {d.lastError ? <div class="small">{d.lastError}</div> : null}
              </td>
              <td data-label={t(COLUMNS.next)}>
                <When iso={d.nextAttemptAt} />
              </td>
              <td data-label={t(COLUMNS.action)}>
                {d.status === "failed" && endpoint.status === "enabled" ? (
                  <form
                    method="post"
                    action={`/admin/webhook-deliveries/${encodeURIComponent(d.id)}/retry`}
                    data-submit-once
                  >
                    <button type="submit" class="secondary">
                      <T th="ส่งอีกครั้ง" en="Send again" />
                      <span class="vh">
                        : {d.eventType} {d.eventId}
                      </span>
                    </button>
                  </form>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Endpoint(props: { endpoint: WebhookEndpointRow; index: number }) {
  const e = props.endpoint;
  const base = `/admin/webhooks/${encodeURIComponent(e.id)}`;
  const enabled = e.status === "enabled";
  return (
    <section aria-labelledby={`endpoint-${props.index}`}>
      <h3 id={`endpoint-${props.index}`} class="mono">
        {e.url}
      </h3>
      <p>
        <Badge
          text={enabled ? { th: "เปิดใช้งาน", en: "Enabled" } : { th: "ปิดใช้งาน", en: "Disabled" }}
          tone={enabled ? "ok" : "neutral"}
        />{" "}
        {e.description ? <span>{e.description} · </span> : null}
        <T th="ลงทะเบียนเมื่อ" en="Registered" /> <When iso={e.createdAt} />
      </p>
      <p>
        <T th="เหตุการณ์:" en="Events:" />{" "}
        {e.events.map((type, i) => (
          <>
            {i > 0 ? ", " : null}
            <code title={type in WEBHOOK_EVENT_LABELS ? t(WEBHOOK_EVENT_LABELS[type as WebhookEventType]) : undefined}>
              {eventLabel(type)}
            </code>
          </>
        ))}
      </p>
      <details>
        <summary>
          <T th="แสดงรหัสลับสำหรับตรวจลายเซ็น" en="Show the signing secret" />
        </summary>
        <p class="hint">
          <T
            th="ระบบผู้รับใช้รหัสนี้ตรวจส่วนหัว webhook-signature อย่าเปิดเผยรหัสนี้"
            en="The receiver verifies the webhook-signature header with it. Keep it secret."
          />
        </p>
        <code class="mono secret">{e.secret}</code>
      </details>
      {e.previousSecretUntil ? (
        <p class="hint">
          <T th="รหัสเดิมยังลงนามด้วยถึง" en="The previous secret also signs until" /> <When iso={e.previousSecretUntil} />
        </p>
      ) : null}
      <div class="actions">
        <form method="post" action={`${base}/status`}>
          <input type="hidden" name="status" value={enabled ? "disabled" : "enabled"} />
          <button type="submit" class={enabled ? "danger" : "secondary"}>
            {enabled ? <T th="ปิดใช้งาน" en="Disable" /> : <T th="เปิดใช้งาน" en="Enable" />}
            <span class="vh">: {e.url}</span>
          </button>
        </form>
        <form method="post" action={`${base}/rotate-secret`} data-submit-once>
          <input type="hidden" name="formToken" value={e.rotateToken} />
          <label class="check" for={`immediately-${e.id}`}>
            <input id={`immediately-${e.id}`} type="checkbox" name="immediately" value="true" />
            <span>
              <T
                th="หยุดรหัสเดิมทันที (รหัสรั่วไหล) แทนการลงนามคู่กัน 24 ชั่วโมง"
                en="Stop the old secret at once (it leaked) rather than signing with both for 24 hours"
              />
              <span class="vh">: {e.url}</span>
            </span>
          </label>
          <button type="submit" class="secondary">
            <T th="เปลี่ยนรหัสลับ" en="Rotate the secret" />
            <span class="vh">: {e.url}</span>
          </button>
        </form>
      </div>
      <Deliveries endpoint={e} />
    </section>
  );
}

/** The webhooks page: the endpoints and their deliveries, then the form that registers one. */
export function WebhooksPage(props: {
  user: LayoutUser;
  endpoints: WebhookEndpointRow[];
  formToken: string;
  values: WebhookFormValues | null;
  problem?: FormProblem | null;
  notice?: Bilingual | null;
  error?: Bilingual | string | null;
}) {
  return (
    <ConsolePage
      user={props.user}
      current="webhooks"
      title={{ th: "เว็บฮุกสำหรับพอร์ทัลอื่น", en: "Webhooks for other portals" }}
      notice={props.notice}
      error={props.error}
      problem={props.problem}
    >
      <p>
        <T
          th="ระบบส่งเหตุการณ์บทบาทผู้ดูแลข้อมูลและกุญแจ API ที่ลงนามแล้ว (Standard Webhooks) ไปยังปลายทางเหล่านี้ และลองใหม่เมื่อส่งไม่สำเร็จ"
          en="Signed events (Standard Webhooks) about steward roles and API keys are sent to these endpoints, and retried when they fail."
        />
      </p>
      <h2 id="endpoints">
        <T th="ปลายทาง" en="Endpoints" />
      </h2>
      {props.endpoints.length === 0 ? (
        <p>
          <T th="ยังไม่มีปลายทาง" en="No endpoint yet." />
        </p>
      ) : (
        props.endpoints.map((endpoint, index) => <Endpoint endpoint={endpoint} index={index} />)
      )}
      <h2 id="register">
        <T th="ลงทะเบียนปลายทางใหม่" en="Register an endpoint" />
      </h2>
      <WebhookForm formToken={props.formToken} problem={props.problem ?? null} values={props.values} />
    </ConsolePage>
  );
}
