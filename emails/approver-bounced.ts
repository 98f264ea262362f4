import { composeEmail, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";

/**
 * To the applicant when the approval request did not reach an approver (the address refused it,
 * or it is on the suppression list): DGA's administrators are on it; nothing is asked of them.
 */
export function approverBouncedEmail(d: {
  applicantName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  reference: string | null;
  approverEmail: string;
  appUrl: string;
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  const ref = d.reference ?? "—";
  return composeEmail({
    subject: {
      th: `อีเมลถึงผู้อนุมัติส่งไม่ถึง (คำขอเลขที่ ${ref})`,
      en: `The approval request did not reach the approver (application ${ref})`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.applicantName}`, en: `Dear ${d.applicantName},` },
      {
        kind: "text",
        th: `อีเมลขออนุมัติคำขอของท่าน (${d.agencyNameTh}) ส่งไปที่ ${d.approverEmail} ไม่ได้ เพราะปลายทางไม่รับจดหมาย ผู้ดูแลระบบ สพร. ได้รับแจ้งแล้ว และจะตรวจสอบที่อยู่อีเมลของผู้อนุมัติกับหน่วยงาน เมื่อแก้ไขแล้วระบบจะส่งคำขอให้ผู้อนุมัติใหม่ ท่านไม่ต้องยื่นคำขอใหม่`,
        en: `The approval request for your application (${d.agencyNameEn}) could not be delivered to ${d.approverEmail}: that address does not accept mail. DGA's administrators have been told; they will check the approver's address with the agency, and the request goes out again once it is corrected. You do not need to apply again.`,
      },
      {
        kind: "text",
        th: "หากท่านทราบอีเมลที่ถูกต้องของผู้อนุมัติ โปรดแจ้ง สพร. ตามช่องทางด้านล่าง",
        en: "If you know the approver's correct address, tell DGA through the contacts below.",
      },
      { kind: "button", th: "ดูสถานะคำขอ", en: "See the application", href: `${appUrl}/applications` },
    ],
    lang: d.lang,
  });
}
