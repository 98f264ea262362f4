import { Layout, Notice } from "../platform/layout";
import { Heading } from "../platform/parts";
import { assetPath } from "../platform/assets";

export type SignInProvider = { id: string; nameTh: string; nameEn: string };

/**
 * Starts an e-mail sign-in (which also signs up): the address gets a code and a link. Also offers
 * passkeys (a button, and autofill on the e-mail field) and the configured OpenID providers.
 */
export function SignInPage(props: {
  error?: string | null;
  email?: string;
  providers?: SignInProvider[];
  returnTo?: string | null;
}) {
  const providers = props.providers ?? [];
  const query = props.returnTo && props.returnTo !== "/" ? `?returnTo=${encodeURIComponent(props.returnTo)}` : "";
  return (
    <Layout title="เข้าสู่ระบบ / Sign in">
      <Heading th="เข้าสู่ระบบ" en="Sign in" />
      <p>
        ใช้อีเมลราชการของท่าน: อีเมลกลางภาครัฐ MailGoThai (@mail.go.th) หรืออีเมลตามโดเมนของหน่วยงาน เช่น @dga.or.th ระบบจะส่งรหัส
        6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่อีเมลนั้น ผู้ที่ยังไม่มีบัญชีจะได้รับบัญชีใหม่โดยอัตโนมัติ
      </p>
      <p lang="en" class="hint">
        Use your government e-mail: MailGoThai (@mail.go.th) or your agency's own domain, such as @dga.or.th. We will
        send a 6-digit code and a sign-in link to that address. If you have no account yet, one is created for you.
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
          autocomplete="username webauthn"
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
      {/* Without providers, only passkeys remain: the script shows this part if the browser has them. */}
      <div class="signin-options" data-passkey-ui={providers.length ? undefined : ""} hidden={!providers.length}>
        <p class="or">หรือ / or</p>
        <div class="actions">
          <button type="button" class="secondary" data-passkey-signin hidden>
            เข้าสู่ระบบด้วยพาสคีย์ / Sign in with a passkey
          </button>
          {providers.map((p) => (
            <a class="button secondary" href={`/auth/oidc/${encodeURIComponent(p.id)}${query}`}>
              เข้าสู่ระบบด้วย {p.nameTh} / Sign in with {p.nameEn}
            </a>
          ))}
        </div>
        <p data-passkey-status role="status" aria-live="polite"></p>
      </div>
      <script src={assetPath("passkeys.js")} defer />
    </Layout>
  );
}
