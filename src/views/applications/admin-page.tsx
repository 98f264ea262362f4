import { ApplicationBasics } from "./application-facts";
import type { ApplicationView } from "./application-views";
import { MembershipBadge, StatusBadge } from "./application-status";
import { ApproverConfirmForm } from "./admin-approver-form";
import { ReviewForms } from "./admin-review-forms";
import { Notice, type LayoutUser } from "../platform/layout";
import { APPLICATION_STATUS, type Bilingual } from "../../text/catalogue";
import { When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { ConsolePage, Pager, SearchForm } from "../platform/console-layout";
import type { AdminFailure } from "../platform/admin-parts";

export type AdminApplicationView = ApplicationView & {
  applicantId: string;
  applicantName: string;
  applicantEmail: string;
};

export { reviewReasonField, reviewSection, type ReviewDecision } from "./admin-review-forms";

function ApproverFacts(props: { a: AdminApplicationView }) {
  const { approver, awaitingApprover } = props.a;
  if (!approver)
    return <dd>{awaitingApprover ? t({ th: "ยังไม่มี (ต้องยืนยัน)", en: "None yet (to be confirmed)" }) : "—"}</dd>;
  const nominated = awaitingApprover
    ? { th: "เสนอชื่อโดยผู้ยื่นคำขอ รอยืนยัน", en: "Nominated by the applicant, to be confirmed" }
    : { th: "เสนอชื่อโดยผู้ยื่นคำขอ", en: "Nominated by the applicant" };
  return (
    <dd>
      {[approver.name, approver.position, approver.email].filter(Boolean).join(" · ")}
      {approver.nominated ? `\n${t(nominated)}` : null}
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
        {a.awaitingApprover ? ` ${t({ th: "รอยืนยันผู้อนุมัติ", en: "Waiting for an approver" })}` : null}
      </p>
      <dl class="facts">
        <ApplicationBasics a={a} />
        <dt>
          <T th="ผู้อนุมัติ" en="Approver" />
        </dt>
        <ApproverFacts a={a} />
        <dt>
          <T th="ยื่นเมื่อ" en="Submitted" />
        </dt>
        <dd>
          <When iso={a.createdAt} />
        </dd>
        {a.deadlineAt && a.status === "awaiting_executive" ? (
          <>
            <dt>
              <T th="กำหนดตัดสินใจ" en="Decision due by" />
            </dt>
            <dd>
              <When iso={a.deadlineAt} />
            </dd>
          </>
        ) : null}
        {a.executiveDecision ? (
          <>
            <dt>
              <T th="ผู้บริหารตัดสินใจ" en="The executive's decision" />
            </dt>
            <dd>
              {a.executiveDecision.by} · <When iso={a.executiveDecision.at} />
              {a.executiveDecision.reason ? (
                <span class="pre-line">
                  {"\n"}
                  <T th="ความเห็น: " en="Comment: " />
                  {a.executiveDecision.reason}
                </span>
              ) : (
                ` · ${t({ th: "ไม่มีความเห็น", en: "No comment" })}`
              )}
            </dd>
          </>
        ) : null}
        {a.decidedAt || a.decisionReason ? (
          <>
            <dt>
              <T th="ตัดสินใจ" en="Decided" />
            </dt>
            <dd>
              <When iso={a.decidedAt} />
              {a.decidedBy ? ` · ${a.decidedBy}` : null}
              {a.decisionReason ? ` · ${a.decisionReason}` : null}
            </dd>
          </>
        ) : null}
        {a.membership ? (
          <>
            <dt>
              <T th="บทบาทตอนนี้" en="The role now" />
            </dt>
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
 * application by status; searched and paged. A refused form (`failure`) is summarised at the
 * top (the console's error summary), each problem linking to its field, and marked at its form.
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
  const problem = failure?.problem ?? null;
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
      problem={problem}
      error={failure && !problem ? failure.message : null}
    >
      {failure && !problem?.fields.length && failure.section !== "q" ? (
        <p>
          <a href={`#${failure.section}`}>
            <T th="ไปยังแบบฟอร์มที่มีข้อผิดพลาด" en="Go to the form with the error" />
          </a>
        </p>
      ) : null}
      <SearchForm
        action={path}
        q={props.q}
        label={{ th: "ค้นหาชื่อผู้ยื่น อีเมล หรือหน่วยงาน", en: "Search an applicant, e-mail or agency" }}
      >
        {props.tab === "applications" ? (
          <>
            <label for="status">
              <T th="สถานะ" en="Status" />
            </label>
            <select id="status" name="status">
              {FILTERS.map((f) => (
                <option value={f.value} selected={props.filter === f.value}>
                  {t(f.label)}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </SearchForm>
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ไม่มีคำขอที่ตรงกับการค้นหา" en="No applications match." />
          </p>
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
