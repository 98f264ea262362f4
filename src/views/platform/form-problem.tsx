import type { Bilingual } from "../../text/bilingual";
import { t } from "./page-context";
import { assetPath } from "./assets";

/**
 * What was wrong with a posted form, for people (GOV.UK's error pattern): one message per field
 * that needs fixing (`field` is the input's id), and form-level messages that belong to no
 * single field. Built by the page routes (see routes/pages/form-problem.ts).
 */
export interface FormProblem {
  fields: { field: string; text: Bilingual }[];
  general: Bilingual[];
}

const SUMMARY_TITLE = { th: "มีข้อผิดพลาด", en: "There is a problem" } as const;
const ERROR_WORD = { th: "ข้อผิดพลาด:", en: "Error:" } as const;

/**
 * The error summary at the top of a failed form: a titled box that takes focus when the page
 * loads (so that screen readers read it first), listing every problem, each linking to its field.
 */
export function ErrorSummary(props: { problem: FormProblem | null | undefined }) {
  const p = props.problem;
  if (!p || (p.fields.length === 0 && p.general.length === 0)) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t(SUMMARY_TITLE)}</h2>
      <ul>
        {p.general.map((text) => (
          <li>{t(text)}</li>
        ))}
        {p.fields.map((f) => (
          <li>
            <a href={`#${f.field}`}>{t(f.text)}</a>
          </li>
        ))}
      </ul>
      <script src={assetPath("error-summary.js")} defer />
    </div>
  );
}

/** The message of one field, placed between its label (and hint) and the input; nothing when it is fine. */
export function FieldMessage(props: { problem: FormProblem | null | undefined; field: string }) {
  const text = fieldText(props.problem, props.field);
  if (!text) return null;
  return (
    <p class="field-error" id={`${props.field}-error`}>
      <span class="vh">{t(ERROR_WORD)} </span>
      {t(text)}
    </p>
  );
}

/**
 * The attributes an input needs to say it is wrong: `aria-invalid`, and `aria-describedby`
 * naming its hint (if any) and its message. Spread them on the input: `{...fieldAttrs(p, "phone", "phone-hint")}`.
 */
export function fieldAttrs(problem: FormProblem | null | undefined, field: string, hintId?: string) {
  const invalid = fieldText(problem, field) !== null;
  const describedBy = [hintId, invalid ? `${field}-error` : null].filter(Boolean).join(" ");
  return {
    "aria-invalid": invalid ? ("true" as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

function fieldText(problem: FormProblem | null | undefined, field: string): Bilingual | null {
  return problem?.fields.find((f) => f.field === field)?.text ?? null;
}
