import { composeEmail, inLanguage, type Bilingual, type Block, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

export type MembershipOutcome = "revoked" | "cancelled" | "superseded" | "suspended" | "resumed";

type Message = { subject: Bilingual; lead: Bilingual; keys: Bilingual };

const KEYS_STOPPED: Bilingual = {
  th: "กุญแจ API สำหรับเผยแพร่ข้อมูลของท่านหยุดทำงานทันที",
  en: "Your publish API keys stopped working at once.",
};

/** What a steward hears when their steward role changes. */
export function membershipChangedEmail(d: {
  stewardName: string;
  agencyNameTh: string;
  agencyNameEn: string;
  outcome: MembershipOutcome;
  reason: string | null;
  at: number;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const message = outcomeMessage(d.outcome, d.agencyNameTh, d.agencyNameEn);
  const appUrl = d.appUrl.replace(/\/+$/, "");
  const reason: Block[] = d.reason ? [{ kind: "quote", th: "เหตุผล", en: "Reason", body: d.reason }] : [];
  return composeEmail({
    subject: {
      th: `${message.subject.th} (${d.agencyNameTh})`,
      en: `${message.subject.en} (${d.agencyNameEn})`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.stewardName}`, en: `Dear ${d.stewardName},` },
      { kind: "text", ...message.lead },
      {
        kind: "facts",
        rows: [
          { th: "หน่วยงาน", en: "Agency", value: inLanguage({ th: d.agencyNameTh, en: d.agencyNameEn }, d.lang) },
          { th: "เมื่อ", en: "On", value: inLanguage({ th: formatDateTh(d.at), en: formatDateEn(d.at) }, d.lang) },
        ],
      },
      ...reason,
      { kind: "text", ...message.keys },
      d.outcome === "resumed"
        ? { kind: "button", th: "จัดการกุญแจ API", en: "Manage API keys", href: `${appUrl}/keys` }
        : { kind: "button", th: "เปิด steward", en: "Open steward", href: appUrl },
    ],
    lang: d.lang,
  });
}

function outcomeMessage(outcome: MembershipOutcome, th: string, en: string): Message {
  switch (outcome) {
    case "revoked":
      return {
        subject: { th: "สิทธิ์ผู้ดูแลข้อมูลของท่านถูกเพิกถอน", en: "Your data steward role was revoked" },
        lead: {
          th: `ผู้ดูแลระบบได้เพิกถอนสิทธิ์ผู้ดูแลข้อมูล (Data Steward) ของท่านสำหรับ ${th}`,
          en: `An administrator revoked your data steward role for ${en}.`,
        },
        keys: {
          th: `${KEYS_STOPPED.th} หากท่านคิดว่าเป็นความผิดพลาด โปรดติดต่อ สพร.`,
          en: `${KEYS_STOPPED.en} If you think this is a mistake, please contact DGA.`,
        },
      };
    case "cancelled":
      return {
        subject: { th: "ท่านสละสิทธิ์ผู้ดูแลข้อมูลแล้ว", en: "You gave up your data steward role" },
        lead: {
          th: `ท่านได้สละสิทธิ์ผู้ดูแลข้อมูล (Data Steward) ของ ${th} แล้ว`,
          en: `You gave up your data steward role for ${en}.`,
        },
        keys: KEYS_STOPPED,
      };
    case "superseded":
      return {
        subject: { th: "สิทธิ์ผู้ดูแลข้อมูลของท่านถูกส่งมอบให้ผู้รับช่วงแล้ว", en: "Your data steward role was handed over" },
        lead: {
          th: `สิทธิ์ผู้ดูแลข้อมูล (Data Steward) ของ ${th} ได้ส่งมอบให้ผู้ดูแลข้อมูลคนใหม่แล้ว`,
          en: `Your data steward role for ${en} was handed over to a successor.`,
        },
        keys: KEYS_STOPPED,
      };
    case "suspended":
      return {
        subject: { th: "สิทธิ์ผู้ดูแลข้อมูลของท่านถูกระงับชั่วคราว", en: "Your data steward role was suspended" },
        lead: {
          th: `ผู้ดูแลระบบได้ระงับสิทธิ์ผู้ดูแลข้อมูล (Data Steward) ของท่านสำหรับ ${th} ชั่วคราว`,
          en: `An administrator suspended your data steward role for ${en}.`,
        },
        keys: {
          th: "ระหว่างที่ถูกระงับ กุญแจ API สำหรับเผยแพร่ข้อมูลของท่านจะใช้ไม่ได้ และท่านไม่สามารถเผยแพร่ข้อมูลในนามของหน่วยงานได้ เราจะแจ้งทางอีเมลเมื่อมีการเปลี่ยนแปลง",
          en: "While it is suspended, your publish API keys do not work and you cannot publish on the agency's behalf. We will e-mail you when this changes.",
        },
      };
    case "resumed":
      return {
        subject: { th: "สิทธิ์ผู้ดูแลข้อมูลของท่านกลับมาใช้งานได้แล้ว", en: "Your data steward role was resumed" },
        lead: {
          th: `ผู้ดูแลระบบได้คืนสิทธิ์ผู้ดูแลข้อมูล (Data Steward) ของท่านสำหรับ ${th}`,
          en: `An administrator resumed your data steward role for ${en}.`,
        },
        keys: {
          th: "ท่านเผยแพร่ข้อมูลในนามของหน่วยงานได้อีกครั้ง และกุญแจ API สำหรับเผยแพร่ข้อมูลของท่านกลับมาใช้งานได้",
          en: "You can publish on the agency's behalf again, and your publish API keys work again.",
        },
      };
  }
}
