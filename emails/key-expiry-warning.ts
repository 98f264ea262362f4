import { composeEmail, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

/**
 * What a key's owner hears 14 and 3 days before the key expires (the lifetime policy): which
 * key, when it stops, and how to replace it. Never a secret.
 */
export function keyExpiryWarningEmail(d: {
  ownerName: string;
  /** The key's name and prefix, as the owner sees them on the keys page. */
  key: { name: string; prefix: string };
  /** When it stops verifying, ms since the epoch. */
  expiresAt: number;
  /** The whole days left (the warning goes out 14 and 3 days before). */
  days: number;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  return composeEmail({
    subject: {
      th: `กุญแจ API ของท่านจะหมดอายุใน ${d.days} วัน`,
      en: `Your API key expires in ${d.days} days`,
    },
    blocks: [
      { kind: "text", th: `เรียน คุณ${d.ownerName}`, en: `Dear ${d.ownerName},` },
      {
        kind: "text",
        th: `กุญแจ API ของท่านจะหยุดทำงานเมื่อ ${formatDateTh(d.expiresAt)}`,
        en: `Your API key stops working on ${formatDateEn(d.expiresAt)}.`,
      },
      { kind: "facts", rows: [{ th: "กุญแจ", en: "Key", value: `${d.key.name} (${d.key.prefix}…)` }] },
      {
        kind: "text",
        th: "โปรดหมุนเวียนกุญแจ (สร้างกุญแจใหม่แทน) และเปลี่ยนในระบบที่ใช้งานก่อนเวลาดังกล่าว",
        en: "Rotate the key (make a new one in its place) and put it in your systems before then.",
      },
      { kind: "button", th: "ไปที่กุญแจ API", en: "Go to your API keys", href: `${appUrl}/keys` },
    ],
    lang: d.lang,
  });
}
