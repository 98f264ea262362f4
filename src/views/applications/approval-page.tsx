import { Layout, Notice } from "../platform/layout";
import { ROLES, labelOf } from "../../text/catalogue";
import { Heading, When } from "../platform/parts";

export { ApprovalClosedPage, ApprovalDonePage } from "./approval-result-pages";

export type ApprovalRequestView = {
  applicantName: string;
  applicantEmail: string;
  position: string;
  agencyNameTh: string;
  agencyNameEn: string;
  role: string;
  reason: string;
  submittedAt: string;
  expiresAt: string;
  approverEmail: string;
  /** Everyone who may decide now: the executive, the agency's deputies, a fallback approver. */
  mayDecide: string[];
  /** A refused post of this form: its message, and the reason typed (kept). */
  error?: string | null;
  typedReason?: string;
};

/**
 * The page an agency's chief executive opens from the approval e-mail, often on a phone, with
 * no account. Opening it changes nothing; the decision is one of the two buttons. The form has
 * no action so it posts back to the same URL, token included. Never auto-submit.
 */
export function ApprovalPage(props: ApprovalRequestView) {
  const role = labelOf(ROLES, props.role);
  return (
    <Layout title="ขออนุมัติผู้ดูแลข้อมูล / Data steward approval">
      <Heading th="ขออนุมัติผู้ดูแลข้อมูลของหน่วยงาน" en="Approval request: agency data steward" />
      <p>
        <strong>{props.applicantName}</strong> ขอเป็น{role.th}ของ{props.agencyNameTh} บน Data.go.th
        และขอให้ท่านในฐานะผู้บริหารสูงสุดของหน่วยงานพิจารณาอนุมัติ
        <br />
        <span lang="en">
          <strong>{props.applicantName}</strong> asks to become the {role.en} of {props.agencyNameEn} on Data.go.th and
          asks you, as the agency's chief executive, to decide.
        </span>
      </p>
      <dl class="facts">
        <dt>ผู้ขอ / Applicant</dt>
        <dd>{props.applicantName}</dd>
        <dt>อีเมล / E-mail</dt>
        <dd>{props.applicantEmail}</dd>
        <dt>ตำแหน่ง / Position</dt>
        <dd>{props.position}</dd>
        <dt>หน่วยงาน / Agency</dt>
        <dd>
          {props.agencyNameTh} <span lang="en">({props.agencyNameEn})</span>
        </dd>
        <dt>บทบาทที่ขอ / Role</dt>
        <dd>
          {role.th} ({role.en})
        </dd>
        <dt>เหตุผล / Reason</dt>
        <dd>{props.reason}</dd>
        <dt>ยื่นเมื่อ / Submitted</dt>
        <dd>
          <When iso={props.submittedAt} long />
        </dd>
        <dt>ลิงก์ใช้ได้ถึง / Link valid until</dt>
        <dd>
          <When iso={props.expiresAt} long />
        </dd>
        <dt>ผู้มีอำนาจตัดสินใจ / Who may decide</dt>
        <dd>
          {props.mayDecide.join(", ")}
          <br />
          <span class="hint">
            ผู้ใดผู้หนึ่งตัดสินใจได้ การตัดสินใจครั้งแรกมีผล / Any one of them may decide; the first decision counts.
          </span>
        </dd>
      </dl>
      <h2>
        การอนุมัติหมายถึงอะไร{" "}
        <span class="en" lang="en">
          What approving means
        </span>
      </h2>
      <p>
        ท่านยืนยันว่าผู้ขอปฏิบัติงานในหน่วยงานของท่าน และมอบหมายให้เผยแพร่และดูแลชุดข้อมูลเปิดในนามหน่วยงานบน Data.go.th บางหน่วยงาน สพร.
        จะตรวจสอบอีกขั้นหนึ่ง ผู้ขอจะได้รับแจ้งผลทางอีเมล การตัดสินใจแก้ไขภายหลังไม่ได้ผ่านลิงก์นี้
      </p>
      <p lang="en" class="hint">
        You confirm that the applicant works for your agency and you entrust them with publishing and maintaining the
        agency's open datasets on Data.go.th. For some agencies DGA reviews the request next. The applicant is told the
        outcome by e-mail. A decision cannot be changed through this link afterwards.
      </p>
      <p class="hint">
        ลิงก์นี้สำหรับ {props.approverEmail} เท่านั้น หากท่านไม่ใช่ผู้มีอำนาจตัดสินใจ โปรดอย่ากดปุ่มใด ๆ / This link is meant for{" "}
        {props.approverEmail} only. If that is not you, please do not press either button.
      </p>
      <form method="post">
        <label for="reason">ความเห็นหรือเหตุผล (ไม่บังคับ) / Comment or reason (optional)</label>
        <p class="hint" id="reason-hint">
          ผู้ขอจะเห็นข้อความนี้ / The applicant will see this.
        </p>
        {props.error ? (
          <Notice kind="error">
            <p id="reason-error">{props.error}</p>
          </Notice>
        ) : null}
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxlength={2000}
          aria-describedby={props.error ? "reason-hint reason-error" : "reason-hint"}
          aria-invalid={props.error ? "true" : undefined}
        >
          {props.typedReason ?? ""}
        </textarea>
        <div class="actions decide">
          <button type="submit" name="decision" value="approve" class="approve">
            อนุมัติ / Approve
          </button>
          <button type="submit" name="decision" value="reject" class="reject">
            ไม่อนุมัติ / Reject
          </button>
        </div>
      </form>
    </Layout>
  );
}
