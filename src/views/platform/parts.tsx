import { formatDate } from "../../text/dates";
import type { Bilingual } from "../../text/bilingual";

/** A page heading: Thai, with a smaller English line under it. */
export function Heading(props: { th: string; en: string; level?: 1 | 2; id?: string }) {
  const inner = (
    <>
      {props.th}{" "}
      <span class="en" lang="en">
        {props.en}
      </span>
    </>
  );
  return props.level === 2 ? <h2 id={props.id}>{inner}</h2> : <h1 id={props.id}>{inner}</h1>;
}

/** Thai text followed by its English version, on one line. */
export function Bi(props: { text: Bilingual }) {
  return (
    <>
      {props.text.th}
      <span class="en-inline" lang="en">
        {" / "}
        {props.text.en}
      </span>
    </>
  );
}

/** A moment in Bangkok time, Thai then English (or one of them); a dash when there is none. */
export function When(props: { iso: string | null | undefined; long?: boolean; only?: "th" | "en" }) {
  if (!props.iso) return <span>—</span>;
  const d = formatDate(props.iso, props.long ? "long" : "medium");
  if (props.only) return <time datetime={props.iso}>{d[props.only]}</time>;
  return (
    <time datetime={props.iso}>
      {d.th}
      <span class="en-inline" lang="en">
        {" / "}
        {d.en}
      </span>
    </time>
  );
}

export function Badge(props: { text: Bilingual }) {
  return (
    <span class="badge">
      <Bi text={props.text} />
    </span>
  );
}

/** A one-button form; the hidden text names what it acts on for screen readers. */
export function ActionForm(props: { action: string; label: string; what: string; danger?: boolean }) {
  return (
    <form method="post" action={props.action}>
      <button type="submit" class={props.danger ? "danger" : "secondary"}>
        {props.label}
        <span class="vh">: {props.what}</span>
      </button>
    </form>
  );
}

/**
 * A field for a six-digit one-time code: numeric keyboard on phones, the code offered by the
 * phone's autofill (`one-time-code`), six digits only. `error` names the element that says
 * what was wrong (it marks the field invalid and describes it).
 */
export function OneTimeCodeInput(props: { id: string; autofocus?: boolean; error?: string | null; hint?: string }) {
  const described = [props.error, props.hint].filter(Boolean).join(" ");
  return (
    <input
      id={props.id}
      name="code"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]{6}"
      maxlength={6}
      required
      autofocus={props.autofocus ? true : undefined}
      class="mono"
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={described || undefined}
    />
  );
}
