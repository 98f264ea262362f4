import { composeEmail, type EmailLang } from "./compose";
import type { RenderedEmail } from "./layout";

/** To a successor named by a steward (or DGA): apply to take the steward role over. */
export function handoverInvitationEmail(d: {
  predecessorName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  return composeEmail({
    subject: {
      th: `ท่านได้รับการเสนอชื่อเป็นผู้ดูแลข้อมูลของ${d.agencyNameTh}`,
      en: `You were named the next data steward of ${d.agencyNameEn}`,
    },
    blocks: [
      {
        kind: "text",
        th: `${d.predecessorName} ขอส่งมอบบทบาทผู้ดูแลข้อมูล (Data Steward) ของ${d.agencyNameTh} บน Data.go.th ให้ท่าน`,
        en: `${d.predecessorName} would like to hand the data steward role of ${d.agencyNameEn} on Data.go.th over to you.`,
      },
      {
        kind: "text",
        th: "โปรดเข้าสู่ระบบด้วยอีเมลนี้ ยอมรับข้อตกลงการใช้งาน และยื่นคำขอเป็นผู้ดูแลข้อมูลของหน่วยงาน เมื่อผู้บริหารอนุมัติ บทบาทจะย้ายมาที่ท่าน และกุญแจเผยแพร่ของผู้ดูแลเดิมจะหยุดทำงานทันที",
        en: "Sign in with this address, accept the terms of use and apply to be the agency's steward. Once the executive approves, the role moves to you and the previous steward's publish keys stop at once.",
      },
      { kind: "button", th: "ยื่นคำขอ", en: "Apply", href: `${appUrl}/apply` },
      {
        kind: "text",
        th: "หากท่านไม่ทราบเรื่องนี้ โปรดละเว้นอีเมลฉบับนี้",
        en: "If you know nothing of this, ignore this e-mail.",
      },
    ],
    lang: d.lang,
  });
}
