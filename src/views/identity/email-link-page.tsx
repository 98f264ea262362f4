import { Layout } from "../platform/layout";
import { Heading } from "../platform/parts";

/**
 * The page behind an e-mailed sign-in link. Opening the link changes nothing: mail scanners
 * fetch links before people do, so signing in takes a click on this page. Never auto-submit.
 */
export function EmailLinkPage(props: { email: string; action: string }) {
  return (
    <Layout title="ยืนยันการเข้าสู่ระบบ / Confirm sign-in">
      <Heading th="เข้าสู่ระบบด้วยอีเมลนี้?" en="Sign in with this e-mail?" />
      <p>
        เข้าสู่ระบบในชื่อ <strong>{props.email}</strong>
        <br />
        <span lang="en">
          Sign in as <strong>{props.email}</strong>?
        </span>
      </p>
      <form method="post" action={props.action}>
        <div class="actions">
          <button type="submit">เข้าสู่ระบบ / Sign in</button>
        </div>
      </form>
      <p class="hint">
        ต้องกดปุ่มเพื่อยืนยัน เพราะระบบตรวจสอบอีเมลบางระบบเปิดลิงก์ในอีเมลโดยอัตโนมัติ การกดปุ่มทำให้ลิงก์ถูกใช้โดยท่านเท่านั้น
        หากท่านไม่ได้ขอเข้าสู่ระบบ ให้ปิดหน้านี้ได้เลย
      </p>
      <p class="hint" lang="en">
        A click is needed because some mail security scanners open links in e-mails automatically; the button makes sure
        only you use this link. If you did not ask to sign in, just close this page.
      </p>
    </Layout>
  );
}
