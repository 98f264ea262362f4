import type { ApplicationView } from "./application-views";
import { StatusBadge } from "./application-status";
import { ApproverConfirmForm } from "./admin-approver-form";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";
import { TermsPublishSection } from "../terms/admin-terms-form";
import { UserToolsSection } from "../identity/admin-user-tools";
import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { APPLICATION_STATUS, ROLES, labelOf, type Bilingual } from "../../text/catalogue";
import { Bi, Heading, When } from "../platform/parts";
import { MEMBERSHIP_STATUS } from "./roles-page";

export type AdminApplicationView = ApplicationView & {
  applicantId: string;
  applicantName: string;
  applicantEmail: string;
  membership: { id: string; status: string } | null;
};

const REVIEW_ACTIONS = [
  { action: "approve", label: "อนุมัติ / Approve", class: "approve", required: false },
  { action: "reject", label: "ไม่อนุมัติ / Reject", class: "reject", required: false },
  { action: "return", label: "ส่งกลับให้แก้ไข / Return for changes", class: "secondary", required: true },
] as const;

export const reviewSection = (applicationId: string) => `review-${applicationId}`;

function ReviewForms(props: { id: string; applicantName: string; failure: AdminFailure | null }) {
  const base = `/admin/applications/${encodeURIComponent(props.id)}`;
  const section = reviewSection(props.id);
  const failedDecision = typed(props.failure, section, "decision");
  return (
    <div id={section}>
      <InlineError failure={props.failure} section={section} />
      <div class="review">
        {REVIEW_ACTIONS.map((r) => {
          const fieldId = `${r.action}-reason-${props.id}`;
          return (
            <form method="post" action={`${base}/${r.action}`}>
              <label for={fieldId}>
                {r.required ? "เหตุผล (จำเป็น) / Reason (required)" : "เหตุผล (ไม่บังคับ) / Reason (optional)"}
              </label>
              <textarea id={fieldId} name="reason" rows={2} required={r.required} maxlength={2000}>
                {failedDecision === r.action ? typed(props.failure, section, "reason") : ""}
              </textarea>
              <div class="actions">
                <button type="submit" class={r.class} aria-label={`${r.label}: ${props.applicantName}`}>
                  {r.label}
                </button>
              </div>
            </form>
          );
        })}
      </div>
    </div>
  );
}

function ApproverFacts(props: { a: AdminApplicationView }) {
  const { approver, awaitingApprover } = props.a;
  if (!approver) return <dd>{awaitingApprover ? "ยังไม่มี (ต้องยืนยัน) / None yet (to be confirmed)" : "—"}</dd>;
  return (
    <dd>
      {[approver.name, approver.position, approver.email].filter(Boolean).join(" · ")}
      {approver.nominated
        ? awaitingApprover
          ? "\nเสนอชื่อโดยผู้ยื่นคำขอ รอยืนยัน / Nominated by the applicant, to be confirmed"
          : "\nเสนอชื่อโดยผู้ยื่นคำขอ / Nominated by the applicant"
        : null}
    </dd>
  );
}

function ApplicationItem(props: { a: AdminApplicationView; failure: AdminFailure | null }) {
  const { a } = props;
  return (
    <li>
      <p>
        <strong>{a.applicantName}</strong> · {a.applicantEmail}
      </p>
      <p>
        <StatusBadge status={a.status} />
        {a.awaitingApprover ? " รอยืนยันผู้อนุมัติ / Waiting for an approver" : null}
      </p>
      <dl class="facts">
        <dt>หน่วยงาน / Agency</dt>
        <dd>
          {a.agencyNameTh} <span lang="en">({a.agencyNameEn})</span>
        </dd>
        <dt>บทบาท / Role</dt>
        <dd>
          <Bi text={labelOf(ROLES, a.role)} />
        </dd>
        <dt>ตำแหน่ง / Position</dt>
        <dd>{a.position}</dd>
        <dt>โทรศัพท์ / Phone</dt>
        <dd>{a.phone}</dd>
        <dt>เหตุผล / Reason</dt>
        <dd>{a.reason}</dd>
        <dt>ผู้อนุมัติ / Approver</dt>
        <ApproverFacts a={a} />
        <dt>ยื่นเมื่อ / Submitted</dt>
        <dd>
          <When iso={a.createdAt} />
        </dd>
        {a.deadlineAt && a.status === "awaiting_executive" ? (
          <>
            <dt>กำหนดตัดสินใจ / Decision due by</dt>
            <dd>
              <When iso={a.deadlineAt} />
            </dd>
          </>
        ) : null}
        {a.decidedAt || a.decisionReason ? (
          <>
            <dt>ตัดสินใจ / Decided</dt>
            <dd>
              <When iso={a.decidedAt} />
              {a.decidedBy ? ` · ${a.decidedBy}` : null}
              {a.decisionReason ? ` · ${a.decisionReason}` : null}
            </dd>
          </>
        ) : null}
        <dt>รหัสคำขอ / ID</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        <dt>รหัสผู้ใช้ / User ID</dt>
        <dd>
          <code>{a.applicantId}</code>
        </dd>
        {a.membership ? (
          <>
            <dt>บทบาท / Membership</dt>
            <dd>
              <code>{a.membership.id}</code> · <Bi text={labelOf(MEMBERSHIP_STATUS, a.membership.status)} />
            </dd>
          </>
        ) : null}
      </dl>
      {a.awaitingApprover ? (
        <ApproverConfirmForm id={a.id} applicantName={a.applicantName} approver={a.approver} failure={props.failure} />
      ) : a.status === "awaiting_review" ? (
        <ReviewForms id={a.id} applicantName={a.applicantName} failure={props.failure} />
      ) : null}
    </li>
  );
}

/** Applications for system administrators, with DGA's review, approvers, terms and user tools. */
export function AdminPage(props: {
  user: LayoutUser;
  applications: AdminApplicationView[];
  filter: string | null;
  currentTermsVersion: string | null;
  notice?: Bilingual | null;
  failure?: AdminFailure | null;
}) {
  const filter = props.filter ?? "";
  const failure = props.failure ?? null;
  return (
    <Layout title="ผู้ดูแลระบบ / Administration" user={props.user}>
      <Heading th="คำขอทั้งหมด" en="All applications" />
      <nav aria-label="เครื่องมือผู้ดูแลระบบ / Administration tools">
        <p>
          <a href="/admin/agencies">หน่วยงาน / Agencies</a> · <a href="#terms">ข้อตกลงการใช้งาน / Terms of use</a> ·{" "}
          <a href="#user-tools">เครื่องมือจัดการผู้ใช้ / User tools</a> ·{" "}
          <a href="/api/v1/admin/audit?format=csv">ดาวน์โหลดบันทึกการตรวจสอบ (CSV) / Download the audit log (CSV)</a>
        </p>
      </nav>
      {failure ? (
        <Notice kind="error">
          <p>
            {failure.message} <a href={`#${failure.section}`}>ไปยังแบบฟอร์ม / Go to the form</a>
          </p>
        </Notice>
      ) : null}
      {props.notice ? (
        <Notice kind="success">
          <p>
            <Bi text={props.notice} />
          </p>
        </Notice>
      ) : null}
      <form method="get" action="/admin">
        <label for="status">สถานะ / Status</label>
        <select id="status" name="status">
          <option value="" selected={filter === ""}>
            ทั้งหมด / All
          </option>
          {Object.entries(APPLICATION_STATUS).map(([value, label]) => (
            <option value={value} selected={filter === value}>
              {label.th} / {label.en}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" class="secondary">
            แสดง / Show
          </button>
        </div>
      </form>
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>ไม่มีคำขอในสถานะนี้ / No applications match.</p>
        </Notice>
      ) : (
        <>
          <p class="hint">
            ทั้งหมด {props.applications.length} รายการ / Total: {props.applications.length}
          </p>
          <ul class="list">
            {props.applications.map((a) => (
              <ApplicationItem a={a} failure={failure} />
            ))}
          </ul>
        </>
      )}
      <TermsPublishSection failure={failure} currentVersion={props.currentTermsVersion} />
      <UserToolsSection failure={failure} />
    </Layout>
  );
}
