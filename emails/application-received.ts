import { composeEmail, inLanguage, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

/**
 * What the applicant hears when their application is submitted: its reference (เลขที่คำขอ),
 * the agency, who was asked to approve (or that DGA confirms an approver first), by when, and
 * a link to follow it.
 */
export function applicationReceivedEmail(d: {
  applicantName: string;
  reference: string;
  agencyNameTh: string;
  agencyNameEn: string;
  /** The approvers asked (names or addresses); empty when DGA must confirm one first. */
  approvers: string[];
  /** When the request expires if nobody decides (ms), if it was sent. */
  deadlineAt: number | null;
  applicationUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const asked = d.approvers.length
    ? { th: "ผู้อนุมัติ", en: "Approver", value: d.approvers.join(", ") }
    : {
        th: "ผู้อนุมัติ",
        en: "Approver",
        value: inLanguage({ th: "สพร. จะยืนยันผู้อนุมัติก่อน", en: "DGA confirms the approver first" }, d.lang),
      };
  return composeEmail({
    subject: {
      th: `ได้รับคำขอเลขที่ ${d.reference} แล้ว (${d.agencyNameTh})`,
      en: `Application ${d.reference} received (${d.agencyNameEn})`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.applicantName}`, en: `Dear ${d.applicantName},` },
      {
        kind: "text",
        th: "ระบบได้รับคำขอเป็นผู้ดูแลข้อมูลของท่านแล้ว โปรดใช้เลขที่คำขอนี้เมื่อติดต่อ สพร.",
        en: "We received your data steward application. Quote its reference when you contact DGA.",
      },
      {
        kind: "facts",
        rows: [
          { th: "เลขที่คำขอ", en: "Reference", value: d.reference },
          { th: "หน่วยงาน", en: "Agency", value: inLanguage({ th: d.agencyNameTh, en: d.agencyNameEn }, d.lang) },
          asked,
          ...(d.deadlineAt !== null
            ? [
                {
                  th: "ต้องตัดสินใจภายใน",
                  en: "Decision due by",
                  value: inLanguage({ th: formatDateTh(d.deadlineAt), en: formatDateEn(d.deadlineAt) }, d.lang),
                },
              ]
            : []),
        ],
      },
      { kind: "button", th: "ติดตามคำขอ", en: "Follow the application", href: d.applicationUrl },
    ],
    lang: d.lang,
  });
}
