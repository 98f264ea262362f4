import { composeEmail, type Block, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

/**
 * What a key's owner hears when an administrator makes their keys expire (forced rotation):
 * which keys, when they stop, why, and where to create new ones. Never a secret.
 */
export function keysExpiringEmail(d: {
  ownerName: string;
  /** The keys' names and prefixes, as the owner sees them on the keys page. */
  keys: { name: string; prefix: string }[];
  /** When they stop verifying, ms since the epoch. */
  expiresAt: number;
  /** True when they stopped at once (a grace of 0). */
  immediate: boolean;
  reason: string;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  const when = d.immediate
    ? { th: "กุญแจเหล่านี้หยุดทำงานแล้ว", en: "These keys have stopped working." }
    : {
        th: `กุญแจเหล่านี้จะหยุดทำงานเมื่อ ${formatDateTh(d.expiresAt)}`,
        en: `These keys stop working on ${formatDateEn(d.expiresAt)}.`,
      };
  const list: Block = {
    kind: "facts",
    rows: d.keys.map((k) => ({ th: "กุญแจ", en: "Key", value: `${k.name} (${k.prefix}…)` })),
  };
  return composeEmail({
    subject: { th: "กรุณาสร้างกุญแจ API ใหม่", en: "Please create new API keys" },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.ownerName}`, en: `Dear ${d.ownerName},` },
      {
        kind: "text",
        th: `ผู้ดูแลระบบได้กำหนดให้กุญแจ API ของท่าน ${d.keys.length} ดอกหมดอายุ`,
        en: `An administrator set ${d.keys.length} of your API keys to expire.`,
      },
      list,
      { kind: "text", ...when },
      { kind: "quote", th: "เหตุผล", en: "Reason", body: d.reason },
      {
        kind: "text",
        th: "โปรดสร้างกุญแจใหม่และเปลี่ยนในระบบที่ใช้งานก่อนเวลาดังกล่าว",
        en: "Create new keys and put them in your systems before then.",
      },
      { kind: "button", th: "สร้างกุญแจ API ใหม่", en: "Create new API keys", href: `${appUrl}/keys` },
    ],
    lang: d.lang,
  });
}
