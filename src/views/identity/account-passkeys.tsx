import { ActionForm, Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import type { PasskeyView } from "./account-views";

/** The account page's passkeys: each with its dates and a remove button, and the add-a-passkey form (passkeys.js). */
export function PasskeysSection(props: { passkeys: PasskeyView[] }) {
  return (
    <section aria-labelledby="passkeys-title">
      <Heading level={2} id="passkeys-title" th="พาสคีย์" en="Passkeys" />
      <p class="hint">
        <T
          th="เข้าสู่ระบบด้วยลายนิ้วมือ ใบหน้า หรือ PIN ของอุปกรณ์ ไม่ต้องรอรหัสทางอีเมล"
          en="Sign in with your fingerprint, face or device PIN, without waiting for an e-mailed code."
        />
      </p>
      {props.passkeys.length === 0 ? (
        <p>
          <T th="ยังไม่มีพาสคีย์" en="No passkeys yet." />
        </p>
      ) : null}
      <ul class="list">
        {props.passkeys.map((p) => (
          <li>
            <strong>{p.name}</strong>
            <p class="small">
              <T th="สร้างเมื่อ " en="Created: " />
              <When iso={p.createdAt} />
              <br />
              <T th="ใช้ล่าสุด " en="Last used: " />
              {p.lastUsedAt ? <When iso={p.lastUsedAt} /> : <T th="ยังไม่เคยใช้" en="never" />}
            </p>
            <ActionForm
              action={`/account/passkeys/${encodeURIComponent(p.id)}/remove`}
              label={t({ th: "ลบพาสคีย์", en: "Remove passkey" })}
              what={p.name}
              danger
            />
          </li>
        ))}
      </ul>
      <div data-passkey-ui hidden>
        <label for="passkey-name">
          <T th="ชื่อพาสคีย์ใหม่ (ไม่บังคับ)" en="New passkey name (optional)" />
        </label>
        <p class="hint" id="passkey-name-hint">
          <T th="เช่น โทรศัพท์ของฉัน" en="For example: My phone" />
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
            <T th="เพิ่มพาสคีย์" en="Add a passkey" />
          </button>
        </div>
      </div>
      <p class="hint" data-passkey-unsupported>
        <T
          th="การเพิ่มพาสคีย์ต้องใช้เบราว์เซอร์ที่รองรับพาสคีย์และเปิด JavaScript"
          en="Adding a passkey needs a browser with passkey support and JavaScript turned on."
        />
      </p>
      <p data-passkey-status role="status" aria-live="polite"></p>
    </section>
  );
}
