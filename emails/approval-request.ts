import { composeEmail, inLanguage, type Bilingual, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

const ROLE_LABELS = {
  steward: { th: "ผู้ดูแลข้อมูล (Data Steward)", en: "Data Steward" },
} satisfies Record<string, Bilingual>;

/** The start of a reminder's subject: "เตือน / Reminder: " in both languages. */
export const REMINDER_PREFIX = "เตือน / Reminder: ";
const REMINDER: Bilingual = { th: "เตือน: ", en: "Reminder: " };

/**
 * The request to an agency's chief executive, who has no account: everything needed to decide
 * is in the message, and the link only opens the page where the decision is made.
 */
export function approvalRequestEmail(d: {
  approverName: string | null;
  applicantName: string;
  applicantEmail: string;
  position: string;
  agencyNameTh: string;
  agencyNameEn: string;
  role: "steward";
  reason: string;
  link: string;
  expiresAt: number;
  reminder: boolean;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const role = ROLE_LABELS[d.role];
  // In both languages the prefix leads the whole subject once: "เตือน / Reminder: Thai / English".
  const prefix: Bilingual = !d.reminder ? { th: "", en: "" } : d.lang ? REMINDER : { th: REMINDER_PREFIX, en: "" };
  return composeEmail({
    subject: {
      th: `${prefix.th}คำขอแต่งตั้ง${role.th} ของ ${d.agencyNameTh}`,
      en: `${prefix.en}${role.en} request for ${d.agencyNameEn}`,
    },
    blocks: [
      d.approverName
        ? { kind: "text", th: `เรียน ${d.approverName}`, en: `Dear ${d.approverName},` }
        : { kind: "text", th: "เรียน ผู้บริหารสูงสุดของหน่วยงาน", en: "Dear Chief Executive," },
      ...(d.reminder
        ? [
            {
              kind: "text" as const,
              th: "คำขอนี้ยังรอการพิจารณาของท่าน",
              en: "This request is still waiting for your decision.",
            },
          ]
        : []),
      {
        kind: "text",
        th: `${d.applicantName} ขอเป็น${role.th} ของ ${d.agencyNameTh} บน Data.go.th และขอให้ท่านในฐานะผู้บริหารสูงสุดของหน่วยงานพิจารณา`,
        en: `${d.applicantName} asks to become the ${role.en} of ${d.agencyNameEn} on Data.go.th and needs your decision as the agency's chief executive.`,
      },
      {
        kind: "facts",
        rows: [
          { th: "ผู้ขอ", en: "Applicant", value: d.applicantName },
          { th: "อีเมล", en: "E-mail", value: d.applicantEmail },
          { th: "ตำแหน่ง", en: "Position", value: d.position },
          { th: "หน่วยงาน", en: "Agency", value: inLanguage({ th: d.agencyNameTh, en: d.agencyNameEn }, d.lang) },
          { th: "บทบาท", en: "Role", value: d.lang === "en" ? role.en : role.th },
        ],
      },
      { kind: "quote", th: "เหตุผลของผู้ขอ", en: "Applicant's reason", body: d.reason },
      {
        kind: "text",
        th: "หากท่านอนุมัติ ผู้ขอจะเผยแพร่ชุดข้อมูลของหน่วยงานบน Data.go.th ในนามของหน่วยงานได้ (สพร. อาจตรวจสอบคำขอก่อนให้สิทธิ์)",
        en: "If you approve, this person may publish the agency's datasets on Data.go.th on its behalf (DGA may review the request before granting the role).",
      },
      { kind: "button", th: "พิจารณาคำขอ", en: "Review the request", href: d.link },
      {
        kind: "text",
        th: "การเปิดลิงก์ยังไม่ถือเป็นการตัดสินใจ ท่านจะอนุมัติหรือปฏิเสธด้วยปุ่มบนหน้าที่เปิดขึ้น",
        en: "Opening the link does not decide anything: you approve or reject with a button on the page it opens.",
      },
      {
        kind: "text",
        th: `โปรดพิจารณาภายใน ${formatDateTh(d.expiresAt)} หลังจากนั้นลิงก์จะใช้ไม่ได้และคำขอจะหมดอายุ ลิงก์นี้สำหรับท่านเท่านั้น โปรดอย่าส่งต่อ`,
        en: `Please decide by ${formatDateEn(d.expiresAt)}; after that the link stops working and the request expires. The link is for you alone: please do not forward it.`,
      },
      {
        kind: "text",
        th: "หากท่านไม่รู้จักผู้ขอ โปรดปฏิเสธคำขอ",
        en: "If you do not know the applicant, please reject the request.",
      },
    ],
    lang: d.lang,
  });
}
