import { composeEmail } from "./compose";
import type { RenderedEmail } from "./layout";

/**
 * The e-mail sign-in message: a 6-digit code and a one-click link. The link only opens a page
 * with a confirm button, so a mail scanner that follows it signs nobody in.
 */
export function signInCodeEmail(d: { name: string | null; code: string; link: string; expiresInMinutes: number }): RenderedEmail {
  const minutes = d.expiresInMinutes;
  return composeEmail({
    subject: { th: "รหัสเข้าสู่ระบบ steward", en: "Your steward sign-in code" },
    blocks: [
      d.name
        ? { kind: "text", th: `เรียน คุณ${d.name}`, en: `Dear ${d.name},` }
        : { kind: "text", th: "สวัสดี", en: "Hello," },
      {
        kind: "text",
        th: "ใช้รหัสนี้เพื่อเข้าสู่ระบบ steward ของ Data.go.th",
        en: "Use this code to sign in to steward for Data.go.th:",
      },
      { kind: "code", code: d.code },
      {
        kind: "text",
        th: "หรือเข้าสู่ระบบในคลิกเดียวด้วยปุ่มด้านล่าง หน้าที่เปิดขึ้นจะให้คุณกดยืนยันอีกครั้ง",
        en: "Or sign in with one click with the button below; the page it opens asks you to confirm.",
      },
      { kind: "button", th: "เข้าสู่ระบบในคลิกเดียว", en: "Sign in with one click", href: d.link },
      {
        kind: "text",
        th: `รหัสและลิงก์นี้หมดอายุใน ${minutes} นาที และใช้ได้เพียงครั้งเดียว (ใช้อย่างใดอย่างหนึ่งแล้ว อีกอย่างจะใช้ไม่ได้)`,
        en: `The code and the link expire in ${minutes} ${minutes === 1 ? "minute" : "minutes"} and work once: using one ends both.`,
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
  });
}
