import { ActionForm, Heading, OneTimeCodeInput, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import type { IdentityView, ProviderView } from "./account-views";

const ERROR_WORD = { th: "ข้อผิดพลาด:", en: "Error:" } as const;

/**
 * The message of a field filled in by account-email.js (GOV.UK's error message, written by the
 * script next to the field it is about): hidden until the script has something to say.
 */
function ScriptFieldMessage(props: { field: string }) {
  return (
    <p class="field-error" id={`${props.field}-error`} hidden>
      <span class="vh">{t(ERROR_WORD)} </span>
      <span data-message />
    </p>
  );
}

/**
 * The account page's ways to sign in: verified official e-mails (adding one takes two steps
 * through the JSON API, account-email.js) and linked OpenID accounts.
 */
export function SignInMethodsSection(props: { identities: IdentityView[]; providers: ProviderView[] }) {
  const emails = props.identities.filter((i) => i.type === "email");
  const linked = props.identities.filter((i) => i.type === "oidc");
  const providerOf = (id: string | null) =>
    props.providers.find((p) => p.id === id) ?? { nameTh: id ?? "OpenID", nameEn: id ?? "OpenID" };
  return (
    <section aria-labelledby="methods-title">
      <Heading level={2} id="methods-title" th="วิธีเข้าสู่ระบบ" en="Ways to sign in" />
      <h3>
        <T th="อีเมลราชการที่ยืนยันแล้ว" en="Verified official e-mails" />
      </h3>
      {emails.length === 0 ? (
        <p>
          <T
            th="ยังไม่มี ต้องมีอีเมลราชการที่ยืนยันแล้วจึงจะสมัครเป็นผู้ดูแลข้อมูลได้"
            en="None yet. Applying as a data steward needs a verified official e-mail."
          />
        </p>
      ) : (
        <ul class="list">
          {emails.map((e) => (
            <li>
              <strong class="mono">{e.email}</strong>
              <p class="small">
                <T th="เพิ่มเมื่อ " en="Added: " />
                <When iso={e.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <form id="email-add" hidden novalidate>
        <label for="email">
          <T th="เพิ่มอีเมลราชการ" en="Add an official e-mail" />
        </label>
        <p class="hint" id="email-hint">
          <T
            th="MailGoThai (@mail.go.th) หรืออีเมลตามโดเมนของหน่วยงาน ระบบจะส่งรหัส 6 หลักไปยืนยัน"
            en="MailGoThai (@mail.go.th) or your agency's domain. We send a 6-digit code to confirm it."
          />
        </p>
        <ScriptFieldMessage field="email" />
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          spellcheck={false}
          autocapitalize="none"
          maxlength={254}
          required
          aria-describedby="email-hint"
        />
        <div class="actions">
          <button type="submit" class="secondary">
            <T th="ส่งรหัสยืนยัน" en="Send a code" />
          </button>
        </div>
      </form>
      <form id="email-code-form" hidden novalidate>
        <label for="code">
          <T th="รหัส 6 หลักจากอีเมล" en="6-digit code from the e-mail" />
        </label>
        <ScriptFieldMessage field="code" />
        <OneTimeCodeInput id="code" />
        <div class="actions">
          <button type="submit">
            <T th="ยืนยันอีเมล" en="Confirm e-mail" />
          </button>
        </div>
      </form>
      <p id="email-status" role="status" aria-live="polite"></p>
      <noscript>
        <p class="hint">
          <T th="การเพิ่มอีเมลต้องเปิด JavaScript" en="Adding an e-mail needs JavaScript." />
        </p>
      </noscript>
      <h3>
        <T th="บัญชี OpenID ที่เชื่อมไว้" en="Linked OpenID accounts" />
      </h3>
      {linked.length === 0 ? (
        <p>
          <T th="ยังไม่มี" en="None yet." />
        </p>
      ) : null}
      <ul class="list">
        {linked.map((i) => {
          const name = t({ th: providerOf(i.provider).nameTh, en: providerOf(i.provider).nameEn });
          return (
            <li>
              <strong>{name}</strong>
              <p class="small">
                {i.email ? (
                  <>
                    {i.email}
                    <br />
                  </>
                ) : null}
                <T th="เชื่อมเมื่อ " en="Linked: " />
                <When iso={i.createdAt} />
                <br />
                <span class="mono">{i.issuer}</span>
              </p>
              <ActionForm
                action={`/account/identities/${encodeURIComponent(i.id)}/unlink`}
                label={t({ th: "ยกเลิกการเชื่อม", en: "Unlink" })}
                what={name}
                danger
              />
            </li>
          );
        })}
      </ul>
      {props.providers.length ? (
        <div class="actions">
          {props.providers.map((p) => (
            <a class="button secondary" href={`/auth/oidc/${encodeURIComponent(p.id)}?link=1&returnTo=/account`}>
              {t({ th: `เชื่อมบัญชี ${p.nameTh}`, en: `Link ${p.nameEn}` })}
            </a>
          ))}
        </div>
      ) : null}
    </section>
  );
}
