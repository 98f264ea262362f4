import { Heading, OneTimeCodeInput } from "../platform/parts";
import { Layout, Notice } from "../platform/layout";

/** One button that sends a new code to the same address (the sign-in form, already filled in). */
function NewCodeButton(props: { email: string; primary?: boolean }) {
  return (
    <form method="post" action="/signin">
      <input type="hidden" name="email" value={props.email} />
      <div class="actions">
        <button type="submit" class={props.primary ? undefined : "secondary"}>
          ส่งรหัสใหม่ไปที่ {props.email}
          <span class="en-inline" lang="en">
            {" / "}Send a new code to {props.email}
          </span>
        </button>
      </div>
    </form>
  );
}

/**
 * The second step of an e-mail sign-in: type the 6-digit code from the message. A wrong code
 * says how many tries are left and keeps the field focused; a code that can no longer work
 * (no tries left, expired, replaced) shows no code field, only a button that sends a new one.
 */
export function CodePage(props: { email: string; error?: string | null; dead?: boolean }) {
  const error = props.error ?? null;
  const dead = props.dead === true && props.email !== "";
  return (
    <Layout title={`${error ? "ข้อผิดพลาด: " : ""}กรอกรหัส / Enter the code`}>
      <Heading th="กรอกรหัสจากอีเมล" en="Enter the code from your e-mail" />
      {error ? (
        <Notice kind="error">
          <p id="code-error">{error}</p>
        </Notice>
      ) : null}
      {dead ? (
        <>
          <p>
            รหัสเดิมใช้ไม่ได้แล้ว กดปุ่มด้านล่างเพื่อรับรหัสใหม่ทางอีเมล
            <br />
            <span lang="en">That code can no longer be used: press the button for a new one by e-mail.</span>
          </p>
          <NewCodeButton email={props.email} primary />
        </>
      ) : (
        <>
          <p>
            เราได้ส่งรหัส 6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่ <strong>{props.email}</strong> แล้ว กรอกรหัสด้านล่าง หรือเปิดลิงก์ในอีเมล
            รหัสใช้ได้ 10 นาที
          </p>
          <p lang="en" class="hint">
            We sent a 6-digit code and a sign-in link to <strong>{props.email}</strong>. Enter the code below or open
            the link in the e-mail. The code works for 10 minutes.
          </p>
          <form method="post" action="/signin/code">
            <input type="hidden" name="email" value={props.email} />
            <label for="code">รหัส 6 หลัก / 6-digit code</label>
            <OneTimeCodeInput id="code" autofocus error={error ? "code-error" : null} hint="code-hint" />
            <p class="hint" id="code-hint">
              ตัวเลข 6 หลัก / Six digits
            </p>
            <div class="actions">
              <button type="submit">เข้าสู่ระบบ / Sign in</button>
            </div>
          </form>
          <p>
            ไม่ได้รับอีเมล หรือรหัสหมดอายุ?
            <span class="en-inline" lang="en">
              {" / "}No e-mail, or the code expired?
            </span>
          </p>
          {props.email ? <NewCodeButton email={props.email} /> : <a href="/signin">ขอรหัสใหม่ / Ask for a new code</a>}
          <p class="hint">
            หากกรอกรหัสผิด 5 ครั้ง รหัสจะใช้ไม่ได้ ต้องขอรหัสใหม่ / After 5 wrong tries the code stops working: ask for a new one.
          </p>
        </>
      )}
    </Layout>
  );
}
