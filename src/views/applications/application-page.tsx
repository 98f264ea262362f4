import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ApplicationState, StatusBadge } from "./application-status";
import { ROLES, labelOf } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import { Bi, Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { ErrorSummary, type FormProblem } from "../platform/form-problem";
import { ApplicantFields } from "./applicant-fields";
import { RolesLink } from "./roles-link";
import { ApplicationBasics } from "./application-facts";
import { ApplicationTimeline } from "./application-timeline";
import type { TimelineEntry } from "../../text/timeline";
import type { ApplicationView, ResubmitValues } from "./application-views";

// One application as its applicant sees it: status, next step, the approver, and resubmission.

/** Keys are worth a link while the role the application granted is live. */
const hasKeys = (a: ApplicationView) =>
  (a.status === "approved" || a.status === "active") && (!a.membership || a.membership.status === "active");

function ApproverFacts(props: { a: ApplicationView }) {
  const { approver, awaitingApprover } = props.a;
  if (!approver) {
    return awaitingApprover ? (
      <dd>
        <T th="ยังไม่มี สพร. กำลังยืนยันผู้อนุมัติ" en="None yet: DGA is confirming the approver" />
      </dd>
    ) : (
      <dd>—</dd>
    );
  }
  return (
    <dd>
      {[approver.name, approver.position].filter(Boolean).join(" · ")}
      {approver.name || approver.position ? <br /> : null}
      <span class="mono">{approver.email}</span>
      {awaitingApprover ? (
        <>
          <br />
          <T th="เสนอชื่อโดยผู้ยื่นคำขอ รอ สพร. ยืนยัน" en="Nominated, waiting for DGA to confirm" />
        </>
      ) : null}
    </dd>
  );
}

function ResubmitForm(props: { a: ApplicationView; values: ResubmitValues; problem: FormProblem | null }) {
  const { a, values, problem: p } = props;
  return (
    <section aria-labelledby="resubmit-title">
      <Heading level={2} id="resubmit-title" th="แก้ไขและส่งคำขออีกครั้ง" en="Correct and submit again" />
      <p class="hint">
        <T
          th="คำขอจะถูกส่งไปยังผู้บริหารอีกครั้งพร้อมลิงก์อนุมัติใหม่ ลิงก์เดิมจะใช้ไม่ได้"
          en="The request goes back to the executive with a new approval link; older links stop working."
        />
      </p>
      <form method="post" action={`/applications/${encodeURIComponent(a.id)}/resubmit`} novalidate>
        <ApplicantFields values={values} problem={p} />
        <div class="actions">
          <button type="submit">
            <T th="ส่งคำขออีกครั้ง" en="Submit again" />
          </button>
        </div>
      </form>
    </section>
  );
}

function WithdrawForm(props: { a: ApplicationView }) {
  return (
    <form method="post" action={`/applications/${encodeURIComponent(props.a.id)}/withdraw`}>
      <p class="hint">
        <T th="การถอนคำขอจะยกเลิกลิงก์อนุมัติที่ส่งไปแล้ว" en="Withdrawing cancels the approval link already sent." />
      </p>
      <button type="submit" class="danger">
        <T th="ถอนคำขอ" en="Withdraw application" />
      </button>
    </form>
  );
}

/** The moments of the application (rows of its facts). */
function Dates(props: { a: ApplicationView }) {
  const { a } = props;
  return (
    <>
      <dt>
        <T th="ยื่นเมื่อ" en="Submitted" />
      </dt>
      <dd>
        <When iso={a.createdAt} />
      </dd>
      {a.deadlineAt && (a.status === "awaiting_executive" || a.status === "expired") ? (
        <>
          <dt>
            {a.status === "expired" ? (
              <T th="หมดอายุเมื่อ" en="Expired" />
            ) : (
              <T th="ต้องตัดสินใจภายใน" en="Decision due by" />
            )}
          </dt>
          <dd>
            <When iso={a.deadlineAt} />
          </dd>
        </>
      ) : null}
      <dt>
        <T th="ปรับปรุงล่าสุด" en="Last updated" />
      </dt>
      <dd>
        <When iso={a.updatedAt} />
      </dd>
      {a.decidedAt ? (
        <>
          <dt>
            <T th="ตัดสินใจเมื่อ" en="Decided" />
          </dt>
          <dd>
            <When iso={a.decidedAt} />
            {/* The executive is named; DGA's administrators are "สพร."/"DGA" to applicants. */}
            {a.decidedBy
              ? ` · ${a.executiveDecision?.by === a.decidedBy ? a.decidedBy : t({ th: "สพร.", en: "DGA" })}`
              : null}
          </dd>
        </>
      ) : null}
    </>
  );
}

/** One application: what happens next, who approves, and the ways to resubmit or withdraw it. */
export function ApplicationPage(props: {
  user: LayoutUser;
  application: ApplicationView;
  canWithdraw: boolean;
  canResubmit: boolean;
  /** The banner of an action just done (`?done=`). */
  notice?: Bilingual | null;
  /** What was wrong with a refused resubmission. */
  problem?: FormProblem | null;
  resubmitValues?: ResubmitValues | null;
  /** Where the application has been, oldest first. */
  timeline?: TimelineEntry[];
}) {
  const a = props.application;
  const problem = props.problem ?? null;
  const role = labelOf(ROLES, a.role);
  return (
    <Layout
      title={{ th: `คำขอเลขที่ ${a.reference}`, en: `Application ${a.reference}` }}
      error={problem !== null}
      user={props.user}
    >
      <ErrorSummary problem={problem} />
      <Heading th={`คำขอเป็น${role.th}`} en={`Application: ${role.en}`} />
      {props.notice ? (
        <Notice kind="success">
          <p>
            <Bi text={props.notice} />
          </p>
        </Notice>
      ) : null}
      {a.awaitingApprover ? (
        <>
          <p>
            <StatusBadge status={a.status} />
          </p>
          <p class="hint">
            <T
              th="หน่วยงานนี้ยังไม่มีข้อมูลผู้บริหาร สพร. จะยืนยันผู้อนุมัติก่อน แล้วจึงส่งอีเมลขออนุมัติ"
              en="This agency has no executive on file: DGA confirms the approver first, then the approval e-mail is sent."
            />
          </p>
        </>
      ) : (
        <ApplicationState status={a.status} membership={a.membership} />
      )}
      {a.status === "returned" && a.decisionReason ? (
        <Notice kind="info">
          <p>
            <strong>
              <T th="เหตุผลที่ส่งกลับ:" en="Why it was returned:" />
            </strong>
          </p>
          <p class="pre-line">{a.decisionReason}</p>
        </Notice>
      ) : null}
      {hasKeys(a) ? (
        <p>
          <a class="button" href="/keys">
            <T th="จัดการกุญแจ API" en="Manage API keys" />
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <ApplicationBasics a={a} />
        <dt>
          <T th="ผู้อนุมัติ" en="Approver" />
        </dt>
        <ApproverFacts a={a} />
        <Dates a={a} />
        {a.decisionReason && a.status !== "returned" ? (
          <>
            <dt>
              <T th="เหตุผลของการตัดสินใจ" en="Reason given" />
            </dt>
            <dd>{a.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      <ApplicationTimeline entries={props.timeline ?? []} audience="applicant" />
      {props.canResubmit ? (
        <ResubmitForm
          a={a}
          values={props.resubmitValues ?? { position: a.position, phone: a.phone, reason: a.reason }}
          problem={problem}
        />
      ) : null}
      {props.canWithdraw ? <WithdrawForm a={a} /> : null}
      <p>
        <a href="/applications">
          ← <T th="คำขอทั้งหมด" en="All applications" />
        </a>
      </p>
      <RolesLink />
    </Layout>
  );
}
