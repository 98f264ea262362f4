import { Layout, Notice } from "../platform/layout";
import type { Bilingual } from "../../text/bilingual";
import { Heading, When } from "../platform/parts";
import { T, t, useLang } from "../platform/page-context";
import { SupportContact } from "../platform/support";

/** The thank-you page after the executive's decision. */
export function ApprovalDonePage(props: {
  decision: "approve" | "reject";
  agencyNameTh: string;
  agencyNameEn: string;
  applicantName: string;
  reviewNext: boolean;
}) {
  const approved = props.decision === "approve";
  const who = <strong>{props.applicantName}</strong>;
  return (
    <Layout title={{ th: "บันทึกการตัดสินใจแล้ว", en: "Decision recorded" }}>
      <Heading th="ขอบคุณ บันทึกการตัดสินใจแล้ว" en="Thank you, your decision is recorded" />
      <Notice kind="success">
        {useLang() === "th" ? (
          <p>
            {approved ? "ท่านอนุมัติ" : "ท่านไม่อนุมัติ"}ให้ {who} เป็นผู้ดูแลข้อมูลของ{props.agencyNameTh}
          </p>
        ) : (
          <p>
            You {approved ? "approved" : "rejected"} {who} as data steward of {props.agencyNameEn}.
          </p>
        )}
      </Notice>
      {approved && props.reviewNext ? (
        <p>
          <T th="ขั้นต่อไป สพร. จะตรวจสอบคำขอก่อนให้สิทธิ์" en="Next, DGA reviews the request before access is granted." />
        </p>
      ) : null}
      <p>
        <T th="ผู้ขอจะได้รับแจ้งผลทางอีเมล ท่านปิดหน้านี้ได้เลย" en="The applicant is told by e-mail. You can close this page." />
      </p>
    </Layout>
  );
}

type ClosedState = "decided" | "closed" | "expired" | "own" | "unknown";

const CLOSED_TITLES: Record<ClosedState, Bilingual> = {
  decided: { th: "คำขอนี้ได้รับการตัดสินใจแล้ว", en: "This request has already been decided" },
  closed: { th: "คำขอนี้ปิดแล้ว", en: "This request is closed" },
  expired: { th: "ลิงก์นี้หมดอายุแล้ว", en: "This link has expired" },
  own: { th: "ท่านตัดสินคำขอของตนเองไม่ได้", en: "You cannot decide on your own application" },
  unknown: { th: "ไม่พบลิงก์นี้", en: "Link not found" },
};

const CLOSED_TEXT: Record<Exclude<ClosedState, "decided">, Bilingual> = {
  closed: {
    th: "ผู้ขอได้ถอนคำขอนี้ มีคำขอใหม่มาแทน หรือรายชื่อผู้อนุมัติของหน่วยงานเปลี่ยนไปแล้ว หากท่านยังเป็นผู้อนุมัติ ท่านจะได้รับอีเมลพร้อมลิงก์ใหม่",
    en: "This request was withdrawn or replaced, or the agency's list of approvers changed. If you are still an approver, you receive a new e-mail with its own link.",
  },
  own: {
    th: "อีเมลนี้เป็นของผู้ยื่นคำขอ ผู้อนุมัติคนอื่นของหน่วยงาน หรือ สพร. จะเป็นผู้พิจารณา",
    en: "This address belongs to the applicant. Another approver of the agency, or DGA, will decide.",
  },
  expired: {
    th: "ไม่มีการตัดสินใจภายในกำหนด ผู้ขอสามารถส่งคำขออีกครั้ง แล้วท่านจะได้รับลิงก์ใหม่",
    en: "No decision was made in time. The applicant can submit the request again, and you will get a new link.",
  },
  unknown: {
    th: "ลิงก์อาจไม่ครบถ้วน โปรดเปิดจากอีเมลอีกครั้ง หรือคัดลอกลิงก์ทั้งหมด",
    en: "The link may be incomplete. Please open it from the e-mail again, or copy the whole link.",
  },
};

function decisionLabel(decision: string | null | undefined): Bilingual | null {
  if (decision === "approve" || decision === "approved") return { th: "อนุมัติ", en: "Approved" };
  if (decision === "reject" || decision === "rejected") return { th: "ไม่อนุมัติ", en: "Rejected" };
  return null;
}

/** Who decided, how and when: "ตัดสินใจแล้ว (อนุมัติ) โดย … เมื่อ …" in the page's language. */
function AlreadyDecided(props: { decidedBy?: string | null; decidedAt?: string | null; decision?: string | null }) {
  const decision = decisionLabel(props.decision);
  const words =
    useLang() === "th"
      ? { done: "ตัดสินใจแล้ว", by: " โดย ", on: " เมื่อ " }
      : { done: "Already decided", by: " by ", on: " on " };
  return (
    <p>
      {words.done}
      {decision ? ` (${t(decision)})` : ""}
      {props.decidedBy ? `${words.by}${props.decidedBy}` : ""}
      {props.decidedAt ? (
        <>
          {words.on}
          <When iso={props.decidedAt} long />
        </>
      ) : null}
    </p>
  );
}

/**
 * An approval link that can no longer be used: decided, closed, expired or unknown. No form; a
 * dead end, so it gives DGA's contact.
 */
export function ApprovalClosedPage(props: {
  state: ClosedState;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decision?: string | null;
}) {
  const title = CLOSED_TITLES[props.state];
  return (
    <Layout title={title}>
      <Heading th={title.th} en={title.en} />
      {props.state === "decided" ? (
        <Notice kind="info">
          <AlreadyDecided decidedBy={props.decidedBy} decidedAt={props.decidedAt} decision={props.decision} />
        </Notice>
      ) : (
        <p>
          <T {...CLOSED_TEXT[props.state]} />
        </p>
      )}
      <p class="hint">
        <T th="ไม่มีสิ่งใดถูกเปลี่ยนแปลง" en="Nothing was changed." />
      </p>
      <SupportContact />
    </Layout>
  );
}
