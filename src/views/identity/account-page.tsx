import { Layout, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { assetPath } from "../platform/assets";
import { T } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import { DevicesSection } from "./account-devices";
import { PasskeysSection } from "./account-passkeys";
import { SignInMethodsSection } from "./account-sign-in-methods";
import type { IdentityView, PasskeyView, ProviderView, SessionView } from "./account-views";

/**
 * Passkeys, signed-in devices, ways to sign in, and what to do when passkeys are lost. A refused
 * change comes back here: the problem in the error summary (at the name field for the name
 * form, whose typed value is kept in `name`).
 */
export function AccountPage(props: {
  user: LayoutUser;
  passkeys: PasskeyView[];
  sessions: SessionView[];
  identities: IdentityView[];
  providers: ProviderView[];
  problem?: FormProblem | null;
  /** The name as typed in a refused name form; the account's name otherwise. */
  name?: string;
}) {
  const problem = props.problem ?? null;
  const title = { th: "บัญชีและความปลอดภัย", en: "Account & security" };
  return (
    <Layout title={title} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <Heading {...title} />
      <p>
        <a href="/roles">
          <T th="บทบาทผู้ดูแลข้อมูลของฉัน (ส่งมอบ / สละบทบาท)" en="My steward roles (hand over, give up)" />
        </a>
      </p>

      <section aria-labelledby="name-title">
        <Heading level={2} id="name-title" th="ชื่อของท่าน" en="Your name" />
        <form method="post" action="/account/name" novalidate>
          <label for="name">
            <T th="ชื่อ-นามสกุล" en="Full name" />
          </label>
          <p class="hint" id="name-hint">
            <T th="ตามที่ผู้บริหารและ สพร. จะเห็น" en="As executives and DGA will read it" />
          </p>
          <FieldMessage problem={problem} field="name" />
          <input
            id="name"
            name="name"
            type="text"
            autocomplete="name"
            maxlength={200}
            required
            value={props.name ?? props.user.name}
            {...fieldAttrs(problem, "name", "name-hint")}
          />
          <div class="actions">
            <button type="submit" class="secondary">
              <T th="บันทึกชื่อ" en="Save name" />
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
          <T
            th="หากพาสคีย์หายทั้งหมด ให้เข้าสู่ระบบด้วยรหัสที่ส่งไปยังอีเมลราชการของท่าน แล้วเพิ่มพาสคีย์ใหม่ที่หน้านี้ และลบพาสคีย์ที่หายออก เจ้าหน้าที่ สพร. สามารถลบพาสคีย์ที่สูญหายให้ได้"
            en="Lost every passkey? Sign in with a code sent to your official e-mail, add a new passkey on this page and remove the lost ones. DGA administrators can also remove lost passkeys for you."
          />
        </p>
      </section>
      <script src={assetPath("passkeys.js")} defer />
      <script src={assetPath("account-email.js")} defer />
    </Layout>
  );
}
