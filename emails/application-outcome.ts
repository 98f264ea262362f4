import { composeEmail, inLanguage, type Bilingual, type Block, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

export type ApplicationOutcome = "approved" | "rejected" | "in_review" | "returned" | "expired" | "withdrawn";

type Message = { subject: Bilingual; lead: Bilingual; next: Block[] };

/** What the applicant hears when their data steward application changes state. */
export function applicationOutcomeEmail(d: {
  applicantName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  outcome: ApplicationOutcome;
  reason: string | null;
  /** A reason was given but is not mailed (it came from the approval link, not a signed-in user). */
  reasonOnPageOnly?: boolean;
  decidedBy: string | null;
  decidedAt: number | null;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const message = outcomeMessage(d.outcome, d.agencyNameTh, d.agencyNameEn, d.appUrl.replace(/\/+$/, ""));
  const decision: Block[] = [];
  const rows = [
    ...(d.decidedBy ? [{ th: "ดำเนินการโดย", en: "By", value: d.decidedBy }] : []),
    ...(d.decidedAt !== null
      ? [
          {
            th: "เมื่อ",
            en: "On",
            value: inLanguage({ th: formatDateTh(d.decidedAt), en: formatDateEn(d.decidedAt) }, d.lang),
          },
        ]
      : []),
  ];
  if (rows.length > 0) decision.push({ kind: "facts", rows });
  if (d.reason) decision.push({ kind: "quote", th: "เหตุผล", en: "Reason", body: d.reason });
  else if (d.reasonOnPageOnly)
    decision.push({
      kind: "text",
      th: "เหตุผลของผู้อนุมัติแสดงอยู่ในหน้าคำขอของคุณ",
      en: "The approver's reason is shown on your application page.",
    });
  return composeEmail({
    subject: {
      th: `${message.subject.th} (${d.agencyNameTh})`,
      en: `${message.subject.en} (${d.agencyNameEn})`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.applicantName}`, en: `Dear ${d.applicantName},` },
      { kind: "text", ...message.lead },
      ...decision,
      ...message.next,
    ],
    lang: d.lang,
  });
}

function outcomeMessage(outcome: ApplicationOutcome, th: string, en: string, appUrl: string): Message {
  const applications = `${appUrl}/applications`;
  switch (outcome) {
    case "approved":
      return {
        subject: { th: "คำขอเป็นผู้ดูแลข้อมูลได้รับอนุมัติ", en: "Your data steward application was approved" },
        lead: { th: `ท่านเป็นผู้ดูแลข้อมูล (Data Steward) ของ ${th} แล้ว`, en: `You are now the data steward of ${en}.` },
        next: [
          {
            kind: "text",
            th: "สร้างกุญแจ API สำหรับเผยแพร่ชุดข้อมูลได้ที่หน้ากุญแจ API กุญแจจะแสดงเพียงครั้งเดียวเมื่อสร้าง และจะไม่ถูกส่งทางอีเมล",
            en: "Create a publish API key on the API keys page. The key is shown once when you create it and is never e-mailed.",
          },
          { kind: "button", th: "สร้างกุญแจ API", en: "Create an API key", href: `${appUrl}/keys` },
        ],
      };
    case "rejected":
      return {
        subject: { th: "คำขอเป็นผู้ดูแลข้อมูลไม่ได้รับอนุมัติ", en: "Your data steward application was rejected" },
        lead: {
          th: `คำขอเป็นผู้ดูแลข้อมูลของ ${th} ไม่ได้รับอนุมัติ`,
          en: `Your application to become the data steward of ${en} was rejected.`,
        },
        next: [],
      };
    case "in_review":
      return {
        subject: {
          th: "คำขอเป็นผู้ดูแลข้อมูลได้รับการรับรองแล้ว รอ สพร. ตรวจสอบ",
          en: "Your data steward application was endorsed and awaits DGA review",
        },
        lead: {
          th: `ผู้บริหารของ ${th} รับรองคำขอของท่านแล้ว ขั้นต่อไป สพร. จะตรวจสอบคำขอ`,
          en: `The chief executive of ${en} endorsed your application. DGA reviews it next.`,
        },
        next: [
          {
            kind: "text",
            th: "ท่านไม่ต้องดำเนินการใด ๆ เราจะแจ้งผลทางอีเมล",
            en: "There is nothing to do now: we will e-mail you the outcome.",
          },
        ],
      };
    case "returned":
      return {
        subject: { th: "คำขอเป็นผู้ดูแลข้อมูลถูกส่งกลับให้แก้ไข", en: "Your data steward application was returned for changes" },
        lead: {
          th: `สพร. ส่งคำขอเป็นผู้ดูแลข้อมูลของ ${th} กลับให้ท่านแก้ไข`,
          en: `DGA returned your application to become the data steward of ${en} for changes.`,
        },
        next: [
          {
            kind: "text",
            th: "แก้ไขคำขอแล้วยื่นอีกครั้ง คำขอจะส่งไปให้ผู้บริหารพิจารณาใหม่",
            en: "Edit the application and resubmit it; it then goes to the chief executive again.",
          },
          { kind: "button", th: "แก้ไขและยื่นคำขอ", en: "Edit and resubmit", href: applications },
        ],
      };
    case "expired":
      return {
        subject: { th: "คำขอเป็นผู้ดูแลข้อมูลหมดอายุ", en: "Your data steward application expired" },
        lead: {
          th: `ไม่มีการตัดสินคำขอเป็นผู้ดูแลข้อมูลของ ${th} ภายในกำหนด คำขอจึงหมดอายุ`,
          en: `Nobody decided on your application to become the data steward of ${en} in time, so it expired.`,
        },
        next: [
          { kind: "text", th: "ท่านยื่นคำขอใหม่ได้", en: "You can submit it again." },
          { kind: "button", th: "ยื่นคำขออีกครั้ง", en: "Submit again", href: applications },
        ],
      };
    case "withdrawn":
      return {
        subject: { th: "ถอนคำขอเป็นผู้ดูแลข้อมูลแล้ว", en: "Your data steward application was withdrawn" },
        lead: {
          th: `ท่านได้ถอนคำขอเป็นผู้ดูแลข้อมูลของ ${th} แล้ว`,
          en: `Your application to become the data steward of ${en} was withdrawn.`,
        },
        next: [
          {
            kind: "text",
            th: "หากท่านไม่ได้ถอนคำขอนี้ โปรดติดต่อ สพร.",
            en: "If you did not withdraw it, please contact DGA.",
          },
        ],
      };
  }
}
