import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ApplicationState, StatusBadge } from "./application-status";
import { ROLES, labelOf } from "../../text/catalogue";
import { Heading, When } from "../platform/parts";
import { RolesLink } from "./roles-link";
import { ApplicationBasics } from "./application-facts";
import type { ApplicationView, ResubmitValues } from "./application-views";

// One application as its applicant sees it: status, next step, the approver, and resubmission.

/** Keys are worth a link while the role the application granted is live. */
const hasKeys = (a: ApplicationView) =>
  (a.status === "approved" || a.status === "active") && (!a.membership || a.membership.status === "active");

function ApproverFacts(props: { a: ApplicationView }) {
  const { approver, awaitingApprover } = props.a;
  if (!approver) {
    return awaitingApprover ? <dd>ยังไม่มี สพร. กำลังยืนยันผู้อนุมัติ / None yet: DGA is confirming the approver</dd> : <dd>—</dd>;
  }
  return (
    <dd>
      {[approver.name, approver.position].filter(Boolean).join(" · ")}
      {approver.name || approver.position ? <br /> : null}
      <span class="mono">{approver.email}</span>
      {awaitingApprover ? (
        <>
          <br />
          เสนอชื่อโดยผู้ยื่นคำขอ รอ สพร. ยืนยัน / Nominated, waiting for DGA to confirm
        </>
      ) : null}
    </dd>
  );
}

function ResubmitForm(props: { a: ApplicationView; values: ResubmitValues }) {
  const { a, values } = props;
  return (
    <section aria-labelledby="resubmit-title">
      <Heading level={2} id="resubmit-title" th="แก้ไขและส่งคำขออีกครั้ง" en="Correct and submit again" />
      <p class="hint">
        คำขอจะถูกส่งไปยังผู้บริหารอีกครั้งพร้อมลิงก์อนุมัติใหม่ ลิงก์เดิมจะใช้ไม่ได้ / The request goes back to the executive with a new
        approval link; older links stop working.
      </p>
      <form method="post" action={`/applications/${encodeURIComponent(a.id)}/resubmit`}>
        <label for="resubmit-position">ตำแหน่ง / Position</label>
        <input
          id="resubmit-position"
          name="position"
          type="text"
          autocomplete="organization-title"
          required
          maxlength={200}
          value={values.position}
        />
        <label for="resubmit-phone">โทรศัพท์ที่ทำงาน / Work phone</label>
        <input
          id="resubmit-phone"
          name="phone"
          type="tel"
          autocomplete="tel"
          required
          maxlength={20}
          value={values.phone}
        />
        <label for="resubmit-reason">เหตุผลที่ขอเป็นผู้ดูแลข้อมูล / Why you ask to be the data steward</label>
        <textarea id="resubmit-reason" name="reason" rows={5} required maxlength={2000}>
          {values.reason}
        </textarea>
        <div class="actions">
          <button type="submit">ส่งคำขออีกครั้ง / Submit again</button>
        </div>
      </form>
    </section>
  );
}

/** One application: what happens next, who approves, and the ways to resubmit or withdraw it. */
export function ApplicationPage(props: {
  user: LayoutUser;
  application: ApplicationView;
  canWithdraw: boolean;
  canResubmit: boolean;
  notice?: string | null;
  error?: string | null;
  resubmitValues?: ResubmitValues | null;
}) {
  const a = props.application;
  return (
    <Layout title="คำขอ / Application" user={props.user}>
      <Heading th={`คำขอเป็น${labelOf(ROLES, a.role).th}`} en={`Application: ${labelOf(ROLES, a.role).en}`} />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {props.notice ? (
        <Notice kind="success">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      {a.awaitingApprover ? (
        <p>
          <StatusBadge status={a.status} />
        </p>
      ) : null}
      {a.awaitingApprover ? (
        <p class="hint">
          หน่วยงานนี้ยังไม่มีข้อมูลผู้บริหาร สพร. จะยืนยันผู้อนุมัติก่อน แล้วจึงส่งอีเมลขออนุมัติ
          <br />
          <span lang="en">
            This agency has no executive on file: DGA confirms the approver first, then the approval e-mail is sent.
          </span>
        </p>
      ) : (
        <ApplicationState status={a.status} membership={a.membership} />
      )}
      {a.status === "returned" && a.decisionReason ? (
        <Notice kind="info">
          <p>
            <strong>เหตุผลที่ส่งกลับ / Why it was returned:</strong>
          </p>
          <p class="pre-line">{a.decisionReason}</p>
        </Notice>
      ) : null}
      {hasKeys(a) ? (
        <p>
          <a class="button" href="/keys">
            จัดการกุญแจ API / Manage API keys
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <ApplicationBasics a={a} />
        <dt>ผู้อนุมัติ / Approver</dt>
        <ApproverFacts a={a} />
        <dt>ยื่นเมื่อ / Submitted</dt>
        <dd>
          <When iso={a.createdAt} />
        </dd>
        {a.deadlineAt && (a.status === "awaiting_executive" || a.status === "expired") ? (
          <>
            <dt>{a.status === "expired" ? "หมดอายุเมื่อ / Expired" : "ต้องตัดสินใจภายใน / Decision due by"}</dt>
            <dd>
              <When iso={a.deadlineAt} />
            </dd>
          </>
        ) : null}
        <dt>ปรับปรุงล่าสุด / Last updated</dt>
        <dd>
          <When iso={a.updatedAt} />
        </dd>
        {a.decidedAt ? (
          <>
            <dt>ตัดสินใจเมื่อ / Decided</dt>
            <dd>
              <When iso={a.decidedAt} />
              {a.decidedBy ? ` · ${a.decidedBy}` : null}
            </dd>
          </>
        ) : null}
        {a.decisionReason && a.status !== "returned" ? (
          <>
            <dt>เหตุผลของการตัดสินใจ / Reason given</dt>
            <dd>{a.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {props.canResubmit ? (
        <ResubmitForm
          a={a}
          values={props.resubmitValues ?? { position: a.position, phone: a.phone, reason: a.reason }}
        />
      ) : null}
      {props.canWithdraw ? (
        <form method="post" action={`/applications/${encodeURIComponent(a.id)}/withdraw`}>
          <p class="hint">การถอนคำขอจะยกเลิกลิงก์อนุมัติที่ส่งไปแล้ว / Withdrawing cancels the approval link already sent.</p>
          <button type="submit" class="danger">
            ถอนคำขอ / Withdraw application
          </button>
        </form>
      ) : null}
      <p>
        <a href="/applications">← คำขอทั้งหมด / All applications</a>
      </p>
      <RolesLink />
    </Layout>
  );
}
