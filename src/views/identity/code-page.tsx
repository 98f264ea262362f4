import { Layout, Notice } from "../platform/layout";
import { Heading } from "../platform/parts";

/** The second step of an e-mail sign-in: type the 6-digit code from the message. */
export function CodePage(props: { email: string; error?: string | null }) {
  return (
    <Layout title="กรอกรหัส / Enter the code">
      <Heading th="กรอกรหัสจากอีเมล" en="Enter the code from your e-mail" />
      <p>
        เราได้ส่งรหัส 6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่ <strong>{props.email}</strong> แล้ว กรอกรหัสด้านล่าง หรือเปิดลิงก์ในอีเมล รหัสใช้ได้
        10 นาที
      </p>
      <p lang="en" class="hint">
        We sent a 6-digit code and a sign-in link to <strong>{props.email}</strong>. Enter the code below or open the
        link in the e-mail. The code works for 10 minutes.
      </p>
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <form method="post" action="/signin/code">
        <input type="hidden" name="email" value={props.email} />
        <label for="code">รหัส 6 หลัก / 6-digit code</label>
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxlength={6}
          required
          class="mono"
          aria-describedby="code-hint"
        />
        <p class="hint" id="code-hint">
          ตัวเลข 6 หลัก / Six digits
        </p>
        <div class="actions">
          <button type="submit">เข้าสู่ระบบ / Sign in</button>
        </div>
      </form>
      <p>
        ไม่ได้รับอีเมล หรือรหัสหมดอายุ? <a href="/signin">ขอรหัสใหม่</a>
        <br />
        <span lang="en">
          No e-mail, or the code expired? <a href="/signin">Ask for a new code</a>
        </span>
      </p>
      <p class="hint">
        หากกรอกรหัสผิด 5 ครั้ง รหัสจะใช้ไม่ได้ ต้องขอรหัสใหม่ / After 5 wrong tries the code stops working: ask for a new one.
      </p>
    </Layout>
  );
}
