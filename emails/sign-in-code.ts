import { composeEmail, type Block, type EmailLang } from "./compose";
import type { RenderedEmail } from "./layout";

/**
 * A 6-digit code by e-mail. For sign-in (`link` given): the code and a one-click link; the link
 * only opens a page with a confirm button, so a mail scanner that follows it signs nobody in. For
 * adding an official address to an account (no `link`): the code alone.
 */
export function signInCodeEmail(d: {
  code: string;
  link?: string;
  expiresInMinutes: number;
  /** The language of the page the code was asked from, when known; else both. */
  lang?: EmailLang;
}): RenderedEmail {
  const minutes = d.expiresInMinutes;
  const signIn = d.link !== undefined;
  const linkBlocks: Block[] = d.link
    ? [
        {
          kind: "text",
          th: "หรือเข้าสู่ระบบในคลิกเดียวด้วยปุ่มด้านล่าง หน้าที่เปิดขึ้นจะให้คุณกดยืนยันอีกครั้ง",
          en: "Or sign in with one click with the button below; the page it opens asks you to confirm.",
        },
        { kind: "button", th: "เข้าสู่ระบบในคลิกเดียว", en: "Sign in with one click", href: d.link },
      ]
    : [];
  return composeEmail({
    subject: signIn
      ? { th: "รหัสเข้าสู่ระบบ steward", en: "Your steward sign-in code" }
      : { th: "รหัสยืนยันอีเมลหน่วยงาน", en: "Your code to confirm this official e-mail" },
    blocks: [
      // No name: whoever asked for a code may not have signed in (CONTRACT: text from a request
      // without a session never appears in an e-mail).
      { kind: "text", th: "สวัสดี", en: "Hello," },
      signIn
        ? {
            kind: "text",
            th: "ใช้รหัสนี้เพื่อเข้าสู่ระบบ steward ของ Data.go.th",
            en: "Use this code to sign in to steward for Data.go.th:",
          }
        : {
            kind: "text",
            th: "ใช้รหัสนี้เพื่อยืนยันว่าอีเมลนี้เป็นของคุณ ในหน้าบัญชีของ steward",
            en: "Use this code on your steward account page to confirm that this address is yours:",
          },
      { kind: "code", code: d.code },
      ...linkBlocks,
      signIn
        ? {
            kind: "text",
            th: `รหัสและลิงก์นี้หมดอายุใน ${minutes} นาที และใช้ได้เพียงครั้งเดียว (ใช้อย่างใดอย่างหนึ่งแล้ว อีกอย่างจะใช้ไม่ได้)`,
            en: `The code and the link expire in ${minutes} ${minutes === 1 ? "minute" : "minutes"} and work once: using one ends both.`,
          }
        : {
            kind: "text",
            th: `รหัสนี้หมดอายุใน ${minutes} นาที และใช้ได้เพียงครั้งเดียว`,
            en: `The code expires in ${minutes} ${minutes === 1 ? "minute" : "minutes"} and works once.`,
          },
      {
        kind: "text",
        th: "อย่าบอกรหัสนี้แก่ผู้อื่น เจ้าหน้าที่ สพร. จะไม่ขอรหัสนี้จากคุณ",
        en: "Do not share this code with anyone: DGA staff will never ask you for it.",
      },
      {
        kind: "text",
        th: "หากคุณไม่ได้ขอรหัสนี้ ไม่ต้องดำเนินการใด ๆ และเพิกเฉยต่ออีเมลฉบับนี้ได้",
        en: "If you did not ask for this, ignore this e-mail.",
      },
    ],
    lang: d.lang,
  });
}
