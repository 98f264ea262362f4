import { Heading, OneTimeCodeInput } from "../platform/parts";
import { Layout } from "../platform/layout";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, type FormProblem } from "../platform/form-problem";

/** One button that sends a new code to the same address (the sign-in form, already filled in). */
function NewCodeButton(props: { email: string; primary?: boolean }) {
  return (
    <form method="post" action="/signin">
      <input type="hidden" name="email" value={props.email} />
      <div class="actions">
        <button type="submit" class={props.primary ? undefined : "secondary"}>
          {t({ th: `ส่งรหัสใหม่ไปที่ ${props.email}`, en: `Send a new code to ${props.email}` })}
        </button>
      </div>
    </form>
  );
}

/**
 * The second step of an e-mail sign-in: type the 6-digit code from the message. The code field
 * takes focus when the page opens. A wrong code is a problem at the field that says how many
 * tries are left (the error summary takes focus then, and links to the field); a code that can
 * no longer work (no tries left, expired, replaced) shows no code field, only a button that
 * sends a new one. Without a known address there is only the way back to the sign-in page.
 */
export function CodePage(props: { email: string; problem?: FormProblem | null; dead?: boolean }) {
  const problem = props.problem ?? null;
  const dead = props.dead === true && props.email !== "";
  const codeWrong = problem?.fields.some((f) => f.field === "code") ?? false;
  return (
    <Layout title={{ th: "กรอกรหัส", en: "Enter the code" }} error={problem !== null}>
      <ErrorSummary problem={problem} />
      <Heading th="กรอกรหัสจากอีเมล" en="Enter the code from your e-mail" />
      {props.email === "" ? (
        <p>
          <a class="button" href="/signin">
            <T th="ขอรหัสใหม่" en="Ask for a new code" />
          </a>
        </p>
      ) : dead ? (
        <>
          <p>
            <T
              th="รหัสเดิมใช้ไม่ได้แล้ว กดปุ่มด้านล่างเพื่อรับรหัสใหม่ทางอีเมล"
              en="That code can no longer be used: press the button for a new one by e-mail."
            />
          </p>
          <NewCodeButton email={props.email} primary />
        </>
      ) : (
        <>
          <p>
            <T th="เราได้ส่งรหัส 6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่ " en="We sent a 6-digit code and a sign-in link to " />
            <strong>{props.email}</strong>
            <T
              th=" แล้ว กรอกรหัสด้านล่าง หรือเปิดลิงก์ในอีเมล รหัสใช้ได้ 10 นาที"
              en=". Enter the code below or open the link in the e-mail. The code works for 10 minutes."
            />
          </p>
          <form method="post" action="/signin/code" novalidate>
            <input type="hidden" name="email" value={props.email} />
            <label for="code">
              <T th="รหัส 6 หลัก" en="6-digit code" />
            </label>
            <p class="hint" id="code-hint">
              <T th="ตัวเลข 6 หลัก" en="Six digits" />
            </p>
            <FieldMessage problem={problem} field="code" />
            {/* One element takes focus on load: the error summary when there is one, else the field. */}
            <OneTimeCodeInput
              id="code"
              autofocus={problem === null}
              error={codeWrong ? "code-error" : null}
              hint="code-hint"
            />
            <div class="actions">
              <button type="submit">
                <T th="เข้าสู่ระบบ" en="Sign in" />
              </button>
            </div>
          </form>
          <p>
            <T th="ไม่ได้รับอีเมล หรือรหัสหมดอายุ?" en="No e-mail, or the code expired?" />
          </p>
          <NewCodeButton email={props.email} />
          <p class="hint">
            <T
              th="หากกรอกรหัสผิด 5 ครั้ง รหัสจะใช้ไม่ได้ ต้องขอรหัสใหม่"
              en="After 5 wrong tries the code stops working: ask for a new one."
            />
          </p>
        </>
      )}
    </Layout>
  );
}
