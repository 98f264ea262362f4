import { formatDate } from "../../text/dates";
import type { Bilingual } from "../../text/bilingual";
import { T, useLang } from "./page-context";

/** A page heading in the page's language. */
export function Heading(props: { th: string; en: string; level?: 1 | 2; id?: string }) {
  const text = props[useLang()];
  return props.level === 2 ? <h2 id={props.id}>{text}</h2> : <h1 id={props.id}>{text}</h1>;
}

/** A text in the page's language. */
export function Bi(props: { text: Bilingual }) {
  return <>{props.text[useLang()]}</>;
}

/** A moment in Bangkok time, in the page's language (or the one named); a dash when there is none. */
export function When(props: { iso: string | null | undefined; long?: boolean; only?: "th" | "en" }) {
  const lang = useLang();
  if (!props.iso) return <span>—</span>;
  const d = formatDate(props.iso, props.long ? "long" : "medium");
  return <time datetime={props.iso}>{d[props.only ?? lang]}</time>;
}

/**
 * A status badge; `tone` colours it (green for done or working, amber for waiting, red for
 * refused or ended, grey otherwise), and the words always say the status too.
 */
export function Badge(props: { text: Bilingual; tone?: BadgeTone }) {
  return (
    <span class={props.tone ? `badge ${props.tone}` : "badge"}>
      <Bi text={props.text} />
    </span>
  );
}

export type BadgeTone = "ok" | "waiting" | "ended" | "neutral";

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

/** An empty list says so ("None."). */
export function None() {
  return (
    <p>
      <T th="ไม่มี" en="None." />
    </p>
  );
}
