import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "./layout";
import { ConsolePage } from "./console-layout";
import { T, t } from "./page-context";
import { None, When } from "./parts";

// The administrators' mail page: approvals whose approver's address refused mail, messages that
// failed for good (with a retry), and the suppression list (with a lift). Never a body.

export interface MailRow {
  id: string;
  template: string;
  to: string[];
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  retryable: boolean;
}

export interface SuppressionRow {
  address: string;
  reason: "bounce" | "complaint";
  detail: string | null;
  createdAt: string;
}

export interface BouncedApprovalRow {
  applicationId: string;
  reference: string | null;
  agencyId: string;
  agencyName: Bilingual;
  address: string;
  at: string;
}

export const MAIL_DONE: Record<string, Bilingual> = {
  retried: { th: "ส่งข้อความอีกครั้งแล้ว", en: "The message is on its way again." },
  lifted: { th: "ยกเลิกการระงับแล้ว อีเมลถึงที่อยู่นี้จะถูกส่งอีกครั้ง", en: "Lifted: mail to this address is sent again." },
};

const REASONS: Record<SuppressionRow["reason"], Bilingual> = {
  bounce: { th: "ตีกลับถาวร", en: "Hard bounce" },
  complaint: { th: "ผู้รับแจ้งว่าเป็นสแปม", en: "Complaint" },
};

/** The mail page: what needs an administrator first, then the lists. */
export function MailPage(props: {
  user: LayoutUser;
  bounced: BouncedApprovalRow[];
  failed: MailRow[];
  suppressions: SuppressionRow[];
  notice?: Bilingual | null;
  error?: Bilingual | string | null;
}) {
  return (
    <ConsolePage
      user={props.user}
      current="mail"
      title={{ th: "อีเมลที่ต้องดูแล", en: "Mail that needs attention" }}
      notice={props.notice}
      error={props.error}
    >
      <h2 id="bounced">
        <T th="ผู้อนุมัติที่อีเมลไม่รับจดหมาย" en="Approvers whose address did not accept mail" />
      </h2>
      {props.bounced.length === 0 ? (
        <None />
      ) : (
        <>
          <p>
            <T
              th="แก้อีเมลผู้อนุมัติในข้อมูลหน่วยงาน ระบบจะยกเลิกลิงก์เดิมและส่งลิงก์ใหม่ให้ผู้อนุมัติทันที"
              en="Correct the approver's address in the agency's record: the old links die and the approvers get fresh ones at once."
            />
          </p>
          <ul class="event-list">
            {props.bounced.map((b) => (
              <li>
                <a href={`/admin/applications?status=all&q=${encodeURIComponent(b.reference ?? b.applicationId)}`}>
                  <T th="คำขอเลขที่" en="Application" /> {b.reference ?? b.applicationId}
                </a>{" "}
                · {t(b.agencyName)} · <code>{b.address}</code> · <When iso={b.at} /> ·{" "}
                <a href={`/admin/agencies/${encodeURIComponent(b.agencyId)}`}>
                  <T th="แก้ไขผู้อนุมัติของหน่วยงาน" en="Correct the agency's approvers" />
                  <span class="vh">: {t(b.agencyName)}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 id="failed">
        <T th="ข้อความที่ส่งไม่สำเร็จ" en="Messages that failed" />
      </h2>
      {props.failed.length === 0 ? (
        <None />
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">
                  <T th="ผู้รับ" en="Recipient" />
                </th>
                <th scope="col">
                  <T th="ประเภท" en="Template" />
                </th>
                <th scope="col">
                  <T th="ครั้งที่ลอง / ข้อผิดพลาดล่าสุด" en="Attempts / last error" />
                </th>
                <th scope="col">
                  <T th="สร้างเมื่อ" en="Queued" />
                </th>
                <th scope="col">
                  <T th="จัดการ" en="Action" />
                </th>
              </tr>
            </thead>
            <tbody>
              {props.failed.map((m) => (
                <tr>
                  <td data-label={t({ th: "ผู้รับ", en: "Recipient" })}>{m.to.join(", ")}</td>
                  <td data-label={t({ th: "ประเภท", en: "Template" })}>
                    <code>{m.template}</code>
                  </td>
                  <td data-label={t({ th: "ครั้งที่ลอง / ข้อผิดพลาดล่าสุด", en: "Attempts / last error" })}>
                    {m.attempts} · <span class="small">{m.lastError ?? "—"}</span>
                  </td>
                  <td data-label={t({ th: "สร้างเมื่อ", en: "Queued" })}>
                    <When iso={m.createdAt} />
                  </td>
                  <td data-label={t({ th: "จัดการ", en: "Action" })}>
                    {m.retryable ? (
                      <form method="post" action={`/admin/mail/${encodeURIComponent(m.id)}/retry`} data-submit-once>
                        <button type="submit" class="secondary">
                          <T th="ส่งอีกครั้ง" en="Send again" />
                          <span class="vh">
                            : {m.template} → {m.to.join(", ")}
                          </span>
                        </button>
                      </form>
                    ) : (
                      <span class="small">
                        <T
                          th="รหัสหรือลิงก์ในข้อความหมดอายุแล้ว ผู้รับต้องขอใหม่"
                          en="Its one-time code or link has expired: the recipient asks for a new one."
                        />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="suppressed">
        <T th="อีเมลที่ระงับการส่ง" en="Suppressed addresses" />
      </h2>
      {props.suppressions.length === 0 ? (
        <None />
      ) : (
        <ul class="event-list">
          {props.suppressions.map((s, i) => (
            <li>
              <code>{s.address}</code> · {t(REASONS[s.reason])} · <When iso={s.createdAt} />
              {s.detail ? <div class="small">{s.detail}</div> : null}
              <form method="post" action="/admin/suppressions/lift" class="search">
                <input type="hidden" name="address" value={s.address} />
                <label for={`lift-${i}`}>
                  <T th="เหตุผลที่ยกเลิกการระงับ" en="Why lift it" />
                  <span class="vh">: {s.address}</span>
                </label>
                <input id={`lift-${i}`} name="reason" required maxlength={2000} autocomplete="off" />
                <button type="submit" class="secondary">
                  <T th="ยกเลิกการระงับ" en="Lift" />
                  <span class="vh">: {s.address}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </ConsolePage>
  );
}
