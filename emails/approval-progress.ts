import { composeEmail, inLanguage, type Bilingual, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

export type ApprovalProgress = "reminder_sent" | "fallback_sent";

const LEADS: Record<ApprovalProgress, (day: number) => Bilingual> = {
  reminder_sent: (day) => ({
    th: `คำขอของท่านยังรอผู้บริหารพิจารณา (วันที่ ${day}) ระบบได้ส่งอีเมลเตือนผู้มีอำนาจอนุมัติแล้ว`,
    en: `Your application still waits for the executive (day ${day}). We sent the approvers a reminder.`,
  }),
  fallback_sent: (day) => ({
    th: `ยังไม่มีผู้ตัดสินใจภายใน ${day} วัน ระบบจึงส่งคำขอไปยังผู้อนุมัติสำรองของหน่วยงานด้วย`,
    en: `Nobody decided within ${day} days, so the request also went to the agency's fallback approver.`,
  }),
};

/** To the applicant while the approval waits: what the system did on their behalf. */
export function approvalProgressEmail(d: {
  applicantName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  progress: ApprovalProgress;
  day: number;
  deadline: number;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  return composeEmail({
    subject: {
      th: `ความคืบหน้าคำขอผู้ดูแลข้อมูล (${d.agencyNameTh})`,
      en: `Your data steward application (${d.agencyNameEn})`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.applicantName}`, en: `Dear ${d.applicantName},` },
      { kind: "text", ...LEADS[d.progress](d.day) },
      {
        kind: "facts",
        rows: [
          {
            th: "ต้องตัดสินใจภายใน",
            en: "Decision due by",
            value: inLanguage({ th: formatDateTh(d.deadline), en: formatDateEn(d.deadline) }, d.lang),
          },
        ],
      },
      { kind: "button", th: "ดูสถานะคำขอ", en: "See the application", href: `${appUrl}/applications` },
    ],
    lang: d.lang,
  });
}
