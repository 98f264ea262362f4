import { Heading } from "../platform/parts";
import { T } from "../platform/page-context";
import { FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";

/** The publish form's fields as typed, so a refused form comes back as it was sent. */
export type TermsFormValues = Record<"version" | "titleTh" | "titleEn" | "bodyTh" | "bodyEn" | "effectiveAt", string>;

/** A label, the field's message when it is wrong, and a one-line input whose id is its name. */
function TextField(props: {
  name: keyof TermsFormValues;
  label: { th: string; en: string };
  values: TermsFormValues | null;
  problem: FormProblem | null;
  lang: "th" | "en";
}) {
  const { name, problem } = props;
  return (
    <>
      <label for={name}>
        <T {...props.label} />
      </label>
      <FieldMessage problem={problem} field={name} />
      <input
        id={name}
        name={name}
        type="text"
        required
        maxlength={300}
        lang={props.lang}
        value={props.values?.[name] ?? ""}
        {...fieldAttrs(problem, name)}
      />
    </>
  );
}

function TextArea(props: {
  name: "bodyTh" | "bodyEn";
  label: { th: string; en: string };
  values: TermsFormValues | null;
  problem: FormProblem | null;
  lang: "th" | "en";
}) {
  const { name, problem } = props;
  return (
    <>
      <label for={name}>
        <T {...props.label} />
      </label>
      <FieldMessage problem={problem} field={name} />
      <textarea
        id={name}
        name={name}
        rows={10}
        required
        maxlength={30000}
        lang={props.lang}
        {...fieldAttrs(problem, name)}
      >
        {props.values?.[name] ?? ""}
      </textarea>
    </>
  );
}

/** Publishing a new version of the terms of use (its text in both languages: people read either). */
export function TermsPublishSection(props: {
  problem: FormProblem | null;
  values: TermsFormValues | null;
  currentVersion: string | null;
}) {
  const { problem: p, values } = props;
  const f = { values, problem: p };
  return (
    <section aria-labelledby="terms-title" id="terms">
      <Heading level={2} id="terms-title" th="เผยแพร่ข้อตกลงการใช้งานฉบับใหม่" en="Publish new terms of use" />
      <p class="hint">
        <T th="ฉบับปัจจุบัน:" en="Current version:" /> {props.currentVersion ? <code>{props.currentVersion}</code> : "—"} ·{" "}
        <a href="/terms">
          <T th="อ่านฉบับปัจจุบัน" en="Read the current terms" />
        </a>
      </p>
      <div class="box" id="terms-warning">
        <p>
          <T
            th="ตั้งแต่เวลาที่มีผล ผู้ใช้ทุกคนต้องยอมรับฉบับใหม่ก่อนยื่นคำขอ และกุญแจเผยแพร่ข้อมูลของผู้ดูแลข้อมูลที่ยังไม่ยอมรับจะถูกปิดการใช้งานจนกว่าจะยอมรับ ผู้ดูแลข้อมูลทุกคนจะได้รับอีเมลแจ้งทันที เผยแพร่แล้วแก้ไขไม่ได้"
            en="From the effective time, everyone must accept the new version before applying, and stewards' publish keys are disabled until they accept it. Every steward is e-mailed now. A published version cannot be changed."
          />
        </p>
      </div>
      <form method="post" action="/admin/terms" aria-describedby="terms-warning" novalidate>
        <label for="version">
          <T th="รุ่น" en="Version" />
        </label>
        <p class="hint" id="version-hint">
          <T
            th="ตัวอักษรอังกฤษ ตัวเลข . _ - ไม่เกิน 50 ตัว เช่น 2025-06"
            en="Letters, digits, . _ - (up to 50), e.g. 2025-06"
          />
        </p>
        <FieldMessage problem={p} field="version" />
        <input
          id="version"
          name="version"
          type="text"
          required
          maxlength={50}
          autocomplete="off"
          spellcheck={false}
          class="mono"
          value={values?.version ?? ""}
          {...fieldAttrs(p, "version", "version-hint")}
        />
        <TextField name="titleTh" label={{ th: "หัวเรื่อง (ไทย)", en: "Title (Thai)" }} lang="th" {...f} />
        <TextField name="titleEn" label={{ th: "หัวเรื่อง (อังกฤษ)", en: "Title (English)" }} lang="en" {...f} />
        <TextArea name="bodyTh" label={{ th: "เนื้อหา (ไทย)", en: "Text (Thai)" }} lang="th" {...f} />
        <TextArea name="bodyEn" label={{ th: "เนื้อหา (อังกฤษ)", en: "Text (English)" }} lang="en" {...f} />
        <label for="effectiveAt">
          <T th="มีผลตั้งแต่ (เวลาประเทศไทย, ไม่บังคับ)" en="Effective from (Bangkok time, optional)" />
        </label>
        <p class="hint" id="effectiveAt-hint">
          <T th="เว้นว่างเพื่อให้มีผลทันที" en="Leave empty to take effect now." />
        </p>
        <FieldMessage problem={p} field="effectiveAt" />
        <input
          id="effectiveAt"
          name="effectiveAt"
          type="datetime-local"
          value={values?.effectiveAt ?? ""}
          {...fieldAttrs(p, "effectiveAt", "effectiveAt-hint")}
        />
        <div class="actions">
          <button type="submit">
            <T th="เผยแพร่ข้อตกลง" en="Publish the terms" />
          </button>
        </div>
      </form>
    </section>
  );
}
