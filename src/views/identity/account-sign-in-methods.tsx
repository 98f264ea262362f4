import { ActionForm, Heading, OneTimeCodeInput, When } from "../platform/parts";
import type { IdentityView, ProviderView } from "./account-views";

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
      <h3>อีเมลราชการที่ยืนยันแล้ว / Verified official e-mails</h3>
      {emails.length === 0 ? (
        <p>
          ยังไม่มี ต้องมีอีเมลราชการที่ยืนยันแล้วจึงจะสมัครเป็นผู้ดูแลข้อมูลได้ / None yet. Applying as a data steward needs a verified
          official e-mail.
        </p>
      ) : (
        <ul class="list">
          {emails.map((e) => (
            <li>
              <strong class="mono">{e.email}</strong>
              <p class="small">
                เพิ่มเมื่อ / Added: <When iso={e.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <form id="email-add" hidden>
        <label for="new-email">เพิ่มอีเมลราชการ / Add an official e-mail</label>
        <input
          id="new-email"
          name="email"
          type="email"
          autocomplete="email"
          spellcheck={false}
          autocapitalize="none"
          required
        />
        <div class="actions">
          <button type="submit" class="secondary">
            ส่งรหัสยืนยัน / Send a code
          </button>
        </div>
      </form>
      <form id="email-code-form" hidden>
        <label for="email-code">รหัส 6 หลักจากอีเมล / 6-digit code from the e-mail</label>
        <OneTimeCodeInput id="email-code" />
        <div class="actions">
          <button type="submit">ยืนยันอีเมล / Confirm e-mail</button>
        </div>
      </form>
      <p id="email-status" role="status" aria-live="polite"></p>
      <noscript>
        <p class="hint">การเพิ่มอีเมลต้องเปิด JavaScript / Adding an e-mail needs JavaScript.</p>
      </noscript>
      <h3>บัญชี OpenID ที่เชื่อมไว้ / Linked OpenID accounts</h3>
      {linked.length === 0 ? <p>ยังไม่มี / None yet.</p> : null}
      <ul class="list">
        {linked.map((i) => {
          const p = providerOf(i.provider);
          return (
            <li>
              <strong>
                {p.nameTh} / <span lang="en">{p.nameEn}</span>
              </strong>
              <p class="small">
                {i.email ? (
                  <>
                    {i.email}
                    <br />
                  </>
                ) : null}
                เชื่อมเมื่อ / Linked: <When iso={i.createdAt} />
                <br />
                <span class="mono">{i.issuer}</span>
              </p>
              <ActionForm
                action={`/account/identities/${encodeURIComponent(i.id)}/unlink`}
                label="ยกเลิกการเชื่อม / Unlink"
                what={`${p.nameTh} / ${p.nameEn}`}
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
              เชื่อมบัญชี {p.nameTh} / Link {p.nameEn}
            </a>
          ))}
        </div>
      ) : null}
    </section>
  );
}
