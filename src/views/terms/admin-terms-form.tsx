import { Heading } from "../platform/parts";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";

export const TERMS_SECTION = "terms";

/** Publishing a new version of the terms of use. */
export function TermsPublishSection(props: { failure: AdminFailure | null; currentVersion: string | null }) {
  const { failure } = props;
  const value = (field: string) => typed(failure, TERMS_SECTION, field);
  return (
    <section aria-labelledby="terms-title" id={TERMS_SECTION}>
      <Heading level={2} id="terms-title" th="เผยแพร่ข้อตกลงการใช้งานฉบับใหม่" en="Publish new terms of use" />
      <p class="hint">
        ฉบับปัจจุบัน / Current version: {props.currentVersion ? <code>{props.currentVersion}</code> : "—"} ·{" "}
        <a href="/terms">อ่านฉบับปัจจุบัน / Read the current terms</a>
      </p>
      <div class="box" id="terms-warning">
        <p>
          ตั้งแต่เวลาที่มีผล ผู้ใช้ทุกคนต้องยอมรับฉบับใหม่ก่อนยื่นคำขอ และกุญแจเผยแพร่ข้อมูลของผู้ดูแลข้อมูลที่ยังไม่ยอมรับจะถูกปิดการใช้งานจนกว่าจะยอมรับ
          ผู้ดูแลข้อมูลทุกคนจะได้รับอีเมลแจ้งทันที เผยแพร่แล้วแก้ไขไม่ได้
        </p>
        <p lang="en">
          From the effective time, everyone must accept the new version before applying, and stewards' publish keys are
          disabled until they accept it. Every steward is e-mailed now. A published version cannot be changed.
        </p>
      </div>
      <form method="post" action="/admin/terms" aria-describedby="terms-warning">
        <InlineError failure={failure} section={TERMS_SECTION} />
        <label for="terms-version">รุ่น / Version</label>
        <p class="hint" id="terms-version-hint">
          ตัวอักษรอังกฤษ ตัวเลข . _ - ไม่เกิน 50 ตัว เช่น 2025-06 / Letters, digits, . _ - (up to 50), e.g. 2025-06
        </p>
        <input
          id="terms-version"
          name="version"
          type="text"
          required
          maxlength={50}
          pattern="[A-Za-z0-9._\-]{1,50}"
          autocomplete="off"
          spellcheck={false}
          class="mono"
          aria-describedby="terms-version-hint"
          value={value("version")}
        />
        <label for="terms-title-th">หัวเรื่อง (ไทย) / Title (Thai)</label>
        <input
          id="terms-title-th"
          name="titleTh"
          type="text"
          required
          maxlength={300}
          lang="th"
          value={value("titleTh")}
        />
        <label for="terms-title-en">หัวเรื่อง (อังกฤษ) / Title (English)</label>
        <input
          id="terms-title-en"
          name="titleEn"
          type="text"
          required
          maxlength={300}
          lang="en"
          value={value("titleEn")}
        />
        <label for="terms-body-th">เนื้อหา (ไทย) / Text (Thai)</label>
        <textarea id="terms-body-th" name="bodyTh" rows={10} required maxlength={30000} lang="th">
          {value("bodyTh")}
        </textarea>
        <label for="terms-body-en">เนื้อหา (อังกฤษ) / Text (English)</label>
        <textarea id="terms-body-en" name="bodyEn" rows={10} required maxlength={30000} lang="en">
          {value("bodyEn")}
        </textarea>
        <label for="terms-effective">มีผลตั้งแต่ (เวลาประเทศไทย, ไม่บังคับ) / Effective from (Bangkok time, optional)</label>
        <p class="hint" id="terms-effective-hint">
          เว้นว่างเพื่อให้มีผลทันที / Leave empty to take effect now.
        </p>
        <input
          id="terms-effective"
          name="effectiveAt"
          type="datetime-local"
          aria-describedby="terms-effective-hint"
          value={value("effectiveAt")}
        />
        <div class="actions">
          <button type="submit">เผยแพร่ข้อตกลง / Publish the terms</button>
        </div>
      </form>
    </section>
  );
}
