import { composeEmail, inLanguage, type EmailLang } from "./compose";
import { type RenderedEmail } from "./layout";
import { formatDateEn, formatDateTh } from "../src/text/dates";

/** To every steward when DGA publishes a new version of the terms of use. */
export function termsPublishedEmail(d: {
  version: string;
  titleTh: string;
  titleEn: string;
  effectiveAt: number;
  appUrl: string;
  /** The recipient's language, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const appUrl = d.appUrl.replace(/\/+$/, "");
  return composeEmail({
    subject: { th: `ข้อตกลงการใช้งานฉบับใหม่ (${d.version})`, en: `New terms of use (${d.version})` },
    blocks: [
      {
        kind: "text",
        th: `สพร. ได้ประกาศ "${d.titleTh}" ฉบับ ${d.version}`,
        en: `DGA published "${d.titleEn}", version ${d.version}.`,
      },
      {
        kind: "facts",
        rows: [
          {
            th: "มีผลตั้งแต่",
            en: "In force from",
            value: inLanguage({ th: formatDateTh(d.effectiveAt), en: formatDateEn(d.effectiveAt) }, d.lang),
          },
        ],
      },
      {
        kind: "text",
        th: "เมื่อข้อตกลงฉบับนี้มีผล กุญแจ API สำหรับเผยแพร่ของท่านจะหยุดทำงานจนกว่าท่านจะยอมรับข้อตกลงฉบับใหม่",
        en: "Once it is in force, your publish API keys stop working until you accept the new version.",
      },
      { kind: "button", th: "อ่านและยอมรับ", en: "Read and accept", href: `${appUrl}/terms` },
    ],
    lang: d.lang,
  });
}
