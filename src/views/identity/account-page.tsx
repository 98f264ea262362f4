import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { assetPath } from "../platform/assets";
import { DevicesSection } from "./account-devices";
import { PasskeysSection } from "./account-passkeys";
import { SignInMethodsSection } from "./account-sign-in-methods";
import type { IdentityView, PasskeyView, ProviderView, SessionView } from "./account-views";

/** Passkeys, signed-in devices, ways to sign in, and what to do when passkeys are lost. */
export function AccountPage(props: {
  user: LayoutUser;
  passkeys: PasskeyView[];
  sessions: SessionView[];
  identities: IdentityView[];
  providers: ProviderView[];
  error?: string | null;
}) {
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

      <PasskeysSection passkeys={props.passkeys} />
      <DevicesSection sessions={props.sessions} />
      <SignInMethodsSection identities={props.identities} providers={props.providers} />

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
