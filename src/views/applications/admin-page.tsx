import { ApplicationBasics } from "./application-facts";
import type { ApplicationView } from "./application-views";
import { MembershipBadge, StatusBadge } from "./application-status";
import { ApproverConfirmForm } from "./admin-approver-form";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";
import { Notice, type LayoutUser } from "../platform/layout";
import { APPLICATION_STATUS, type Bilingual } from "../../text/catalogue";
import { When } from "../platform/parts";
import { ConsolePage, Pager, SearchForm } from "../platform/console-layout";

export type AdminApplicationView = ApplicationView & {
  applicantId: string;
  applicantName: string;
  applicantEmail: string;
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
  const person = `/admin/people/${encodeURIComponent(a.applicantId)}`;
  return (
    <li>
      <p>
        <a href={person}>
          <strong>{a.applicantName || a.applicantEmail}</strong>
        </a>{" "}
        · {a.applicantEmail}
      </p>
      <p>
        {/* Once the role it granted is suspended or ended, that is the application's truth. */}
        {a.membership && a.membership.status !== "active" ? (
          <MembershipBadge status={a.membership.status} />
        ) : (
          <StatusBadge status={a.status} />
        )}
        {a.awaitingApprover ? " รอยืนยันผู้อนุมัติ / Waiting for an approver" : null}
      </p>
      <dl class="facts">
        <ApplicationBasics a={a} />
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
        {a.executiveDecision ? (
          <>
            <dt>ผู้บริหารตัดสินใจ / The executive's decision</dt>
            <dd>
              {a.executiveDecision.by} · <When iso={a.executiveDecision.at} />
              {a.executiveDecision.reason ? (
                <span class="pre-line">
                  {"\n"}ความเห็น / Comment: {a.executiveDecision.reason}
                </span>
              ) : (
                " · ไม่มีความเห็น / No comment"
              )}
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
        {a.membership ? (
          <>
            <dt>บทบาทตอนนี้ / The role now</dt>
            <dd>
              <a href={`/admin/stewards/${encodeURIComponent(a.membership.id)}`}>
                <MembershipBadge status={a.membership.status} />
              </a>
              {a.membership.changedAt ? (
                <>
                  {" "}
                  · <When iso={a.membership.changedAt} />
                </>
              ) : null}
              {a.membership.reason ? ` · ${a.membership.reason}` : null}
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

/** The choices of the applications list's status filter: still waiting (the default), each status, or all. */
const FILTERS: { value: string; label: Bilingual }[] = [
  { value: "open", label: { th: "ยังไม่เสร็จสิ้น", en: "Still open" } },
  ...Object.entries(APPLICATION_STATUS).map(([value, label]) => ({ value, label: { th: label.th, en: label.en } })),
  { value: "all", label: { th: "ทั้งหมด", en: "All" } },
];

/**
 * A console list of applications: the review queue (its forms on each card) or every
 * application by status; searched and paged.
 */
export function AdminApplicationsPage(props: {
  user: LayoutUser;
  tab: "review" | "applications";
  applications: AdminApplicationView[];
  q: string;
  filter: string;
  cursor: string | null;
  nextCursor: string | null;
  notice?: Bilingual | null;
  failure?: AdminFailure | null;
}) {
  const failure = props.failure ?? null;
  const path = props.tab === "review" ? "/admin/review" : "/admin/applications";
  const title =
    props.tab === "review"
      ? { th: "คำขอที่รอ สพร. ตรวจสอบ", en: "Awaiting DGA's review" }
      : { th: "คำขอทั้งหมด", en: "Applications" };
  return (
    <ConsolePage
      user={props.user}
      current={props.tab}
      title={title}
      notice={failure ? null : props.notice}
      error={failure ? failure.message : null}
    >
      {failure ? (
        <p>
          <a href={`#${failure.section}`}>ไปยังแบบฟอร์มที่มีข้อผิดพลาด / Go to the form with the error</a>
        </p>
      ) : null}
      <SearchForm
        action={path}
        q={props.q}
        label={{ th: "ค้นหาชื่อผู้ยื่น อีเมล หรือหน่วยงาน", en: "Search an applicant, e-mail or agency" }}
      >
        {props.tab === "applications" ? (
          <>
            <label for="status">สถานะ / Status</label>
            <select id="status" name="status">
              {FILTERS.map((f) => (
                <option value={f.value} selected={props.filter === f.value}>
                  {f.label.th} / {f.label.en}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </SearchForm>
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>ไม่มีคำขอที่ตรงกับการค้นหา / No applications match.</p>
        </Notice>
      ) : (
        <ul class="list">
          {props.applications.map((a) => (
            <ApplicationItem a={a} failure={failure} />
          ))}
        </ul>
      )}
      <Pager
        path={path}
        params={{ q: props.q, status: props.tab === "applications" ? props.filter : null }}
        cursor={props.cursor}
        nextCursor={props.nextCursor}
      />
    </ConsolePage>
  );
}
