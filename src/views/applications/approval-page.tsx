import { Layout } from "../platform/layout";
import { ROLES, SUPPORT, labelOf } from "../../text/catalogue";
import { Bi, Heading, When } from "../platform/parts";
import { T, t, useLang } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";

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
  /** A refused post of this form: what was wrong, and the reason typed (kept). */
  problem?: FormProblem | null;
  typedReason?: string;
};

/** How much of the applicant's reason the first screen quotes; the whole of it is further down. */
const REASON_PREVIEW = 120;
const NAME_PREVIEW = 60;

/**
 * A text on one line, cut between words after at most `max` characters, with "…" when cut.
 * Thai has no spaces between words: ICU's word breaks find them.
 */
function preview(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  let out = "";
  for (const { segment } of new Intl.Segmenter("th", { granularity: "word" }).segment(line)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  if (out.trim() === "") {
    // One word longer than the preview (a web address): cut between characters.
    for (const { segment } of new Intl.Segmenter("th", { granularity: "grapheme" }).segment(line)) {
      if (out.length + segment.length > max) break;
      out += segment;
    }
  }
  return `${out.trimEnd()}…`;
}

/**
 * Who asks, for what, why and by when: what the executive must see on a phone's first screen,
 * before the two buttons. Everything else comes after them.
 */
function RequestSummary(props: ApprovalRequestView) {
  const agency = t({ th: props.agencyNameTh, en: props.agencyNameEn });
  const reason = preview(props.reason, REASON_PREVIEW);
  const cut = reason !== props.reason.replace(/\s+/g, " ").trim();
  // Names and positions up to 200 characters are allowed: the first screen shows their start
  // (the full text is in the details below), so that the buttons stay within it.
  const who = <strong>{preview(props.applicantName, NAME_PREVIEW)}</strong>;
  const position = preview(props.position, NAME_PREVIEW);
  return (
    <>
      {useLang() === "th" ? (
        <p>
          {who} ตำแหน่ง{position} ขอเป็นผู้ดูแลข้อมูลของ{agency} บน Data.go.th และขอให้ท่านพิจารณาอนุมัติ
        </p>
      ) : (
        <p>
          {who}, {position}, asks to become the data steward of {agency} on Data.go.th, and asks you to decide.
        </p>
      )}
      <p>
        <T th="เหตุผลของผู้ขอ: " en="Their reason: " />“{reason}”
        {cut ? (
          <>
            {" "}
            <a href="#full-reason">
              <T th="อ่านเหตุผลทั้งหมด" en="Read the whole reason" />
            </a>
          </>
        ) : null}
      </p>
      <p>
        <strong>
          <T th="โปรดตัดสินใจภายใน " en="Please decide by " />
          <When iso={props.expiresAt} long />
        </strong>
      </p>
    </>
  );
}

/** The decision: two buttons, and an optional comment for the applicant (they see it in the app). */
function DecisionForm(props: { problem: FormProblem | null; typedReason?: string }) {
  const p = props.problem;
  return (
    <form method="post">
      <FieldMessage problem={p} field="decision" />
      <div class="actions decide" id="decision">
        <button type="submit" name="decision" value="approve" class="approve">
          <T th="อนุมัติ" en="Approve" />
        </button>
        <button type="submit" name="decision" value="reject" class="reject">
          <T th="ไม่อนุมัติ" en="Reject" />
        </button>
      </div>
      <label for="reason">
        <T th="ความเห็นถึงผู้ขอ (ไม่บังคับ)" en="A comment for the applicant (optional)" />
      </label>
      <p class="hint" id="reason-hint">
        <T
          th="เขียนก่อนกดปุ่มด้านบน เช่น เหตุผลที่ไม่อนุมัติ ผู้ขอจะเห็นข้อความนี้ในระบบ"
          en="Write it before pressing a button above, for example why you reject. The applicant sees it in the service."
        />
      </p>
      <FieldMessage problem={p} field="reason" />
      <textarea id="reason" name="reason" rows={3} maxlength={2000} {...fieldAttrs(p, "reason", "reason-hint")}>
        {props.typedReason ?? ""}
      </textarea>
    </form>
  );
}

/** How to check the request is genuine: call DGA on its own number, never one from an e-mail. */
function GenuineCheck(props: { approverEmail: string }) {
  return (
    <div class="notice info">
      <p>
        <T
          th={`ลิงก์นี้ส่งถึง ${props.approverEmail} เท่านั้น หากท่านไม่ใช่ผู้มีอำนาจตัดสินใจ โปรดอย่ากดปุ่มใด ๆ`}
          en={`This link was sent to ${props.approverEmail} only. If that is not you, please press neither button.`}
        />
      </p>
      <p>
        <T th="หากไม่แน่ใจว่าคำขอนี้เป็นของจริง โปรดโทรสอบถาม สพร. ที่ " en="Not sure this request is genuine? Call DGA on " />
        <a href={SUPPORT.phoneHref}>{SUPPORT.phone}</a>
        <T
          th=" อย่าใช้หมายเลขโทรศัพท์หรือลิงก์อื่นที่ส่งมาทางอีเมล"
          en=". Do not use a phone number or another link sent to you by e-mail."
        />
      </p>
    </div>
  );
}

/** Every fact of the request, the applicant's whole reason included. */
function RequestFacts(props: ApprovalRequestView) {
  return (
    <dl class="facts">
      <dt>
        <T th="ผู้ขอ" en="Applicant" />
      </dt>
      <dd>{props.applicantName}</dd>
      <dt>
        <T th="อีเมล" en="E-mail" />
      </dt>
      <dd>{props.applicantEmail}</dd>
      <dt>
        <T th="ตำแหน่ง" en="Position" />
      </dt>
      <dd>{props.position}</dd>
      <dt>
        <T th="หน่วยงาน" en="Agency" />
      </dt>
      <dd>{t({ th: props.agencyNameTh, en: props.agencyNameEn })}</dd>
      <dt>
        <T th="บทบาทที่ขอ" en="Role" />
      </dt>
      <dd>
        <Bi text={labelOf(ROLES, props.role)} />
      </dd>
      <dt id="full-reason">
        <T th="เหตุผล" en="Reason" />
      </dt>
      <dd>{props.reason}</dd>
      <dt>
        <T th="ยื่นเมื่อ" en="Submitted" />
      </dt>
      <dd>
        <When iso={props.submittedAt} long />
      </dd>
      <dt>
        <T th="ลิงก์ใช้ได้ถึง" en="Link valid until" />
      </dt>
      <dd>
        <When iso={props.expiresAt} long />
      </dd>
      <dt>
        <T th="ผู้มีอำนาจตัดสินใจ" en="Who may decide" />
      </dt>
      <dd>
        {props.mayDecide.join(", ")}
        <br />
        <span class="hint">
          <T th="ผู้ใดผู้หนึ่งตัดสินใจได้ การตัดสินใจครั้งแรกมีผล" en="Any one of them may decide; the first decision counts." />
        </span>
      </dd>
    </dl>
  );
}

/**
 * The page an agency's chief executive opens from the approval e-mail, often on a phone, with
 * no account. Opening it changes nothing; the decision is one of the two buttons, on the first
 * screen. The form has no action so it posts back to the same URL, token included. Never
 * auto-submit.
 */
export function ApprovalPage(props: ApprovalRequestView) {
  const problem = props.problem ?? null;
  return (
    <Layout title={{ th: "ขออนุมัติผู้ดูแลข้อมูล", en: "Data steward approval" }} error={problem !== null}>
      <ErrorSummary problem={problem} />
      <Heading th="ขออนุมัติผู้ดูแลข้อมูลของหน่วยงาน" en="Approval request: agency data steward" />
      <RequestSummary {...props} />
      <DecisionForm problem={problem} typedReason={props.typedReason} />
      <GenuineCheck approverEmail={props.approverEmail} />
      <Heading level={2} th="รายละเอียดคำขอ" en="The request in full" />
      <RequestFacts {...props} />
      <Heading level={2} th="ผู้ดูแลข้อมูลทำอะไร" en="What a data steward does" />
      <p>
        <T
          th="ผู้ดูแลข้อมูลเผยแพร่และปรับปรุงชุดข้อมูลเปิดของหน่วยงานบน Data.go.th ในนามหน่วยงาน ด้วยกุญแจ API ที่ออกให้เฉพาะตัว สพร. ระงับหรือเพิกถอนสิทธิ์นี้ได้ภายหลัง"
          en="A data steward publishes and updates the agency's open datasets on Data.go.th on the agency's behalf, with a personal API key. DGA can suspend or revoke the role later."
        />
      </p>
      <Heading level={2} th="การอนุมัติหมายถึงอะไร" en="What approving means" />
      <p>
        <T
          th="ท่านยืนยันว่าผู้ขอปฏิบัติงานในหน่วยงานของท่าน และมอบหมายให้เผยแพร่และดูแลชุดข้อมูลเปิดในนามหน่วยงานบน Data.go.th บางหน่วยงาน สพร. จะตรวจสอบอีกขั้นหนึ่ง ผู้ขอจะได้รับแจ้งผลทางอีเมล การตัดสินใจแก้ไขภายหลังไม่ได้ผ่านลิงก์นี้"
          en="You confirm that the applicant works for your agency and you entrust them with publishing and maintaining the agency's open datasets on Data.go.th. For some agencies DGA reviews the request next. The applicant is told the outcome by e-mail. A decision cannot be changed through this link afterwards."
        />
      </p>
    </Layout>
  );
}
