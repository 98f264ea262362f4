import { Layout } from "../platform/layout";
import { Heading } from "../platform/parts";
import { assetPath } from "../platform/assets";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";

export type SignInProvider = { id: string; nameTh: string; nameEn: string };

export type SignInValues = { email?: string; name?: string };

/**
 * Starts an e-mail sign-in (which also signs up): the address gets a code and a link. Also offers
 * passkeys (a button, and autofill on the e-mail field) and the configured OpenID providers.
 * A refused start comes back here with the problem at its field and the typed values kept.
 */
export function SignInPage(props: {
  problem?: FormProblem | null;
  values?: SignInValues;
  providers?: SignInProvider[];
  returnTo?: string | null;
}) {
  const providers = props.providers ?? [];
  const problem = props.problem ?? null;
  const values = props.values ?? {};
  const query = props.returnTo && props.returnTo !== "/" ? `?returnTo=${encodeURIComponent(props.returnTo)}` : "";
  const title = { th: "เข้าสู่ระบบ", en: "Sign in" };
  return (
    <Layout title={title} error={problem !== null}>
      <ErrorSummary problem={problem} />
      <Heading {...title} />
      <p>
        <T
          th="ใช้อีเมลราชการของท่าน: อีเมลกลางภาครัฐ MailGoThai (@mail.go.th) หรืออีเมลตามโดเมนของหน่วยงาน เช่น @dga.or.th ระบบจะส่งรหัส 6 หลักและลิงก์สำหรับเข้าสู่ระบบไปที่อีเมลนั้น ผู้ที่ยังไม่มีบัญชีจะได้รับบัญชีใหม่โดยอัตโนมัติ"
          en="Use your government e-mail: MailGoThai (@mail.go.th) or your agency's own domain, such as @dga.or.th. We will send a 6-digit code and a sign-in link to that address. If you have no account yet, one is created for you."
        />
      </p>
      <form method="post" action="/signin" novalidate>
        <label for="email">
          <T th="อีเมล" en="E-mail" />
        </label>
        <p class="hint" id="email-hint">
          <T th="เช่น name@mail.go.th" en="For example name@mail.go.th" />
        </p>
        <FieldMessage problem={problem} field="email" />
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username webauthn"
          spellcheck={false}
          autocapitalize="none"
          required
          maxlength={254}
          value={values.email ?? ""}
          {...fieldAttrs(problem, "email", "email-hint")}
        />
        <label for="name">
          <T th="ชื่อ-นามสกุล (ไม่บังคับ)" en="Full name (optional)" />
        </label>
        <p class="hint" id="name-hint">
          <T th="ใช้เมื่อสมัครครั้งแรก" en="Used when you sign up for the first time" />
        </p>
        <FieldMessage problem={problem} field="name" />
        <input
          id="name"
          name="name"
          type="text"
          autocomplete="name"
          maxlength={200}
          value={values.name ?? ""}
          {...fieldAttrs(problem, "name", "name-hint")}
        />
        <div class="actions">
          <button type="submit">
            <T th="ส่งรหัสเข้าสู่ระบบ" en="Send sign-in code" />
          </button>
        </div>
      </form>
      {/* Without providers, only passkeys remain: the script shows this part if the browser has them. */}
      <div class="signin-options" data-passkey-ui={providers.length ? undefined : ""} hidden={!providers.length}>
        <p class="or">
          <T th="หรือ" en="or" />
        </p>
        <div class="actions">
          <button type="button" class="secondary" data-passkey-signin hidden>
            <T th="เข้าสู่ระบบด้วยพาสคีย์" en="Sign in with a passkey" />
          </button>
          {providers.map((p) => (
            <a class="button secondary" href={`/auth/oidc/${encodeURIComponent(p.id)}${query}`}>
              {t({ th: `เข้าสู่ระบบด้วย ${p.nameTh}`, en: `Sign in with ${p.nameEn}` })}
            </a>
          ))}
        </div>
        <p data-passkey-status role="status" aria-live="polite"></p>
      </div>
      <script src={assetPath("passkeys.js")} defer />
    </Layout>
  );
}
