import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Badge, Heading, When } from "../platform/parts";
import { assetPath } from "../platform/assets";

export type PasskeyView = { id: string; name: string; createdAt: string; lastUsedAt: string | null };
export type SessionView = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
};
export type IdentityView = {
  id: string;
  type: "email" | "oidc";
  email: string | null;
  provider: string | null;
  issuer: string | null;
  createdAt: string;
};
export type ProviderView = { id: string; nameTh: string; nameEn: string };

// Adds an official e-mail through the JSON API: two steps, the address, then the mailed code.

const AGENTS: { browsers: [RegExp, string][]; systems: [RegExp, string][] } = {
  browsers: [
    [/Edg\//, "Edge"],
    [/OPR\//, "Opera"],
    [/SamsungBrowser/, "Samsung Internet"],
    [/\bLine\//, "LINE"],
    [/Firefox\/|FxiOS/, "Firefox"],
    [/Chrome\/|CriOS/, "Chrome"],
    [/Safari\//, "Safari"],
  ],
  systems: [
    [/Android/, "Android"],
    [/iPhone/, "iPhone"],
    [/iPad/, "iPad"],
    [/Windows/, "Windows"],
    [/Mac OS X/, "macOS"],
    [/CrOS/, "ChromeOS"],
    [/Linux/, "Linux"],
  ],
};

/** "Chrome · Android" from a user agent string, or null when it says nothing we know. */
function describeAgent(ua: string | null): string | null {
  if (!ua) return null;
  const found = [AGENTS.browsers, AGENTS.systems].map((list) => list.find(([re]) => re.test(ua))?.[1]).filter(Boolean);
  return found.length ? found.join(" · ") : null;
}

/** A one-button form; the hidden text names what it acts on for screen readers. */
function ActionForm(props: { action: string; label: string; what: string; danger?: boolean }) {
  return (
    <form method="post" action={props.action}>
      <button type="submit" class={props.danger ? "danger" : "secondary"}>
        {props.label}
        <span class="vh">: {props.what}</span>
      </button>
    </form>
  );
}

/** Passkeys, signed-in devices, ways to sign in, and what to do when passkeys are lost. */
export function AccountPage(props: {
  user: LayoutUser;
  passkeys: PasskeyView[];
  sessions: SessionView[];
  identities: IdentityView[];
  providers: ProviderView[];
  error?: string | null;
}) {
  const emails = props.identities.filter((i) => i.type === "email");
  const linked = props.identities.filter((i) => i.type === "oidc");
  const providerOf = (id: string | null) =>
    props.providers.find((p) => p.id === id) ?? { nameTh: id ?? "OpenID", nameEn: id ?? "OpenID" };
  return (
    <Layout title="บัญชีและความปลอดภัย / Account & security" user={props.user}>
      <Heading th="บัญชีและความปลอดภัย" en="Account & security" />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <p>
        <a href="/roles">บทบาทผู้ดูแลข้อมูลของฉัน (ส่งมอบ / สละบทบาท) / My steward roles (hand over, give up)</a>
      </p>

      <section aria-labelledby="name-title">
        <Heading level={2} id="name-title" th="ชื่อของท่าน" en="Your name" />
        <form method="post" action="/account/name">
          <label for="display-name">
            ชื่อ-นามสกุล ตามที่ผู้บริหารและ สพร. จะเห็น / Full name, as executives and DGA will read it
          </label>
          <input
            id="display-name"
            name="name"
            type="text"
            autocomplete="name"
            maxlength={200}
            required
            value={props.user.name}
          />
          <div class="actions">
            <button type="submit" class="secondary">
              บันทึกชื่อ / Save name
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="passkeys-title">
        <Heading level={2} id="passkeys-title" th="พาสคีย์" en="Passkeys" />
        <p class="hint">
          เข้าสู่ระบบด้วยลายนิ้วมือ ใบหน้า หรือ PIN ของอุปกรณ์ ไม่ต้องรอรหัสทางอีเมล / Sign in with your fingerprint, face or device
          PIN, without waiting for an e-mailed code.
        </p>
        {props.passkeys.length === 0 ? <p>ยังไม่มีพาสคีย์ / No passkeys yet.</p> : null}
        <ul class="list">
          {props.passkeys.map((p) => (
            <li>
              <strong>{p.name}</strong>
              <p class="small">
                สร้างเมื่อ / Created: <When iso={p.createdAt} />
                <br />
                ใช้ล่าสุด / Last used: {p.lastUsedAt ? <When iso={p.lastUsedAt} /> : "ยังไม่เคยใช้ / Never"}
              </p>
              <ActionForm
                action={`/account/passkeys/${encodeURIComponent(p.id)}/remove`}
                label="ลบพาสคีย์ / Remove passkey"
                what={p.name}
                danger
              />
            </li>
          ))}
        </ul>
        <div data-passkey-ui hidden>
          <label for="passkey-name">ชื่อพาสคีย์ใหม่ (ไม่บังคับ) / New passkey name (optional)</label>
          <p class="hint" id="passkey-name-hint">
            เช่น โทรศัพท์ของฉัน / e.g. My phone
          </p>
          <input
            id="passkey-name"
            type="text"
            maxlength={100}
            autocomplete="off"
            data-passkey-name
            aria-describedby="passkey-name-hint"
          />
          <div class="actions">
            <button type="button" data-passkey-register hidden>
              เพิ่มพาสคีย์ / Add a passkey
            </button>
          </div>
        </div>
        <p class="hint" data-passkey-unsupported>
          การเพิ่มพาสคีย์ต้องใช้เบราว์เซอร์ที่รองรับพาสคีย์และเปิด JavaScript / Adding a passkey needs a browser with passkey support
          and JavaScript turned on.
        </p>
        <p data-passkey-status role="status" aria-live="polite"></p>
      </section>

      <section aria-labelledby="sessions-title">
        <Heading level={2} id="sessions-title" th="อุปกรณ์ที่เข้าสู่ระบบอยู่" en="Signed-in devices" />
        <ul class="list">
          {props.sessions.map((s) => {
            const device = describeAgent(s.userAgent) ?? "อุปกรณ์ที่ไม่รู้จัก / Unknown device";
            return (
              <li>
                <strong>{device}</strong> {s.current ? <Badge text={{ th: "อุปกรณ์นี้", en: "This device" }} /> : null}
                <p class="small">
                  {s.userAgent ? <span class="mono">{s.userAgent}</span> : null}
                  {s.userAgent ? <br /> : null}
                  เข้าสู่ระบบเมื่อ / Signed in: <When iso={s.createdAt} />
                  <br />
                  ใช้งานล่าสุด / Last active: <When iso={s.lastSeenAt} />
                </p>
                {s.current ? null : (
                  <ActionForm
                    action={`/account/sessions/${encodeURIComponent(s.id)}/end`}
                    label="ออกจากระบบอุปกรณ์นี้ / Sign this device out"
                    what={device}
                    danger
                  />
                )}
              </li>
            );
          })}
        </ul>
        {props.sessions.some((s) => !s.current) ? (
          <form method="post" action="/account/sessions/revoke-others">
            <button type="submit" class="danger">
              ออกจากระบบในอุปกรณ์อื่นทั้งหมด / Sign out all other devices
            </button>
          </form>
        ) : null}
      </section>

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
          <input
            id="email-code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            maxlength={6}
            required
            class="mono"
          />
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

      <section aria-labelledby="recovery-title">
        <Heading level={2} id="recovery-title" th="หากทำพาสคีย์หาย" en="If you lose your passkeys" />
        <p>
          หากพาสคีย์หายทั้งหมด ให้เข้าสู่ระบบด้วยรหัสที่ส่งไปยังอีเมลราชการของท่าน แล้วเพิ่มพาสคีย์ใหม่ที่หน้านี้ และลบพาสคีย์ที่หายออก เจ้าหน้าที่ สพร.
          สามารถลบพาสคีย์ที่สูญหายให้ได้
        </p>
        <p lang="en" class="hint">
          Lost every passkey? Sign in with a code sent to your official e-mail, add a new passkey on this page and
          remove the lost ones. DGA administrators can also remove lost passkeys for you.
        </p>
      </section>
      <script src={assetPath("passkeys.js")} defer />
      <script src={assetPath("account-email.js")} defer />
    </Layout>
  );
}
