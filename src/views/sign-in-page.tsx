import { Layout, Notice } from "./layout";
import { Heading } from "./parts";

/** Starts an e-mail sign-in (which also signs up): the address gets a code and a link. */
export function SignInPage(props: { error?: string | null; email?: string }) {
  return (
    <Layout title="เข้าสู่ระบบ / Sign in">
      <Heading th="เข้าสู่ระบบ" en="Sign in" />
      <p>
        ใช้อีเมลราชการของท่าน: อีเมลกลางภาครัฐ MailGoThai (@mail.go.th) หรืออีเมลตามโดเมนของหน่วยงาน เช่น @dga.or.th
        ระบบจะส่งรหัส 6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่อีเมลนั้น ผู้ที่ยังไม่มีบัญชีจะได้รับบัญชีใหม่โดยอัตโนมัติ
      </p>
      <p lang="en" class="hint">
        Use your government e-mail: MailGoThai (@mail.go.th) or your agency's own domain, such as @dga.or.th. We will send a
        6-digit code and a sign-in link to that address. If you have no account yet, one is created for you.
      </p>
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <form method="post" action="/signin">
        <label for="email">อีเมล / E-mail</label>
        <p class="hint" id="email-hint">
          เช่น name@mail.go.th / e.g. name@mail.go.th
        </p>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username email"
          spellcheck={false}
          autocapitalize="none"
          required
          aria-describedby="email-hint"
          value={props.email ?? ""}
        />
        <label for="name">ชื่อ-นามสกุล / Full name (ไม่บังคับ / optional)</label>
        <p class="hint" id="name-hint">
          ใช้เมื่อสมัครครั้งแรก / Used when you sign up for the first time
        </p>
        <input id="name" name="name" type="text" autocomplete="name" aria-describedby="name-hint" />
        <div class="actions">
          <button type="submit">ส่งรหัสเข้าสู่ระบบ / Send sign-in code</button>
        </div>
      </form>
    </Layout>
  );
}
