import { composeEmail, type EmailLang } from "./compose";
import type { RenderedEmail } from "./layout";

/** Stronger approval: the code an approver types to confirm the decision they just made. */
export function approvalConfirmCodeEmail(d: {
  code: string;
  decision: "approve" | "reject";
  applicantName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  expiresInMinutes: number;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const approve = d.decision === "approve";
  return composeEmail({
    subject: { th: "รหัสยืนยันการตัดสินใจ", en: "Code to confirm your decision" },
    blocks: [
      {
        kind: "text",
        th: `ท่านกำลัง${approve ? "อนุมัติ" : "ไม่อนุมัติ"}คำขอของ ${d.applicantName} เป็นผู้ดูแลข้อมูลของ${d.agencyNameTh} กรอกรหัสนี้ในหน้าเว็บเพื่อยืนยัน`,
        en: `You are ${approve ? "approving" : "rejecting"} ${d.applicantName}'s request to be the data steward of ${d.agencyNameEn}. Type this code on the page to confirm.`,
      },
      { kind: "code", code: d.code },
      {
        kind: "text",
        th: `รหัสหมดอายุใน ${d.expiresInMinutes} นาที ห้ามเปิดเผยรหัสนี้แก่ผู้อื่น`,
        en: `The code expires in ${d.expiresInMinutes} minutes. Do not share it.`,
      },
    ],
    lang: d.lang,
  });
}
