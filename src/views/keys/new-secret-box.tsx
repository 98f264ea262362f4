import { assetPath } from "../platform/assets";
import { T } from "../platform/page-context";

/** The full secret of a key just created or rotated: shown once, never again. */
export function NewSecretBox(props: { name: string; secret: string }) {
  return (
    <section class="box" aria-labelledby="new-secret-title">
      <h2 id="new-secret-title">
        <T th={`กุญแจใหม่ “${props.name}” แสดงเพียงครั้งเดียว`} en={`New key “${props.name}”: shown only once`} />
      </h2>
      <p>
        <T
          th="คัดลอกและเก็บกุญแจนี้ไว้ในที่ปลอดภัยทันที ระบบเก็บเพียงค่าแฮช จึงแสดงกุญแจนี้อีกไม่ได้ และจะไม่ส่งทางอีเมล"
          en="Copy this key now and keep it somewhere safe. We only keep a hash, so it cannot be shown again and is never e-mailed."
        />
      </p>
      <label for="new-secret">
        <T th="กุญแจ API" en="API key" />
      </label>
      <input
        id="new-secret"
        type="text"
        class="mono"
        readonly
        value={props.secret}
        autocomplete="off"
        spellcheck={false}
        aria-describedby="copy-hint"
      />
      <p class="hint" id="copy-hint">
        <T th="เลือกข้อความทั้งหมดแล้วคัดลอก" en="Select all of the text and copy it." />
      </p>
      <div class="actions">
        <button type="button" id="copy-secret" class="secondary" hidden>
          <T th="คัดลอก" en="Copy" />
        </button>
      </div>
      <p id="copy-status" role="status" aria-live="polite"></p>
      <script src={assetPath("copy-secret.js")} defer />
    </section>
  );
}
