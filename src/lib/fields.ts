import * as v from "valibot";

// The rules every text field obeys, at every entrance: JSON bodies, HTML forms and CSV imports
// all check their fields with these schemas, so they refuse exactly the same things.

/** C0 and C1 control characters, DEL; `allowLineBreaks` lets tab, CR and LF through. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_BUT_TAB_CR_LF = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Line and paragraph separators: line breaks in all but name. */
const SEPARATORS = /[\u2028\u2029]/;
/** Bidirectional overrides and isolates: they make a name or address read differently than it is. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** A UTF-16 surrogate without its pair: not a character, and not valid UTF-8 when stored. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  control: "มีอักขระควบคุมที่ใช้ไม่ได้ / contains control characters",
  surrogate: "มีอักขระที่ไม่สมบูรณ์ / contains an incomplete (lone surrogate) character",
  required: "ต้องกรอก / required",
  invisible: "มีแต่อักขระที่มองไม่เห็น / contains nothing visible",
  tooLong: (max: number) => `ยาวเกิน ${max} ตัวอักษร / at most ${max} characters`,
  email: "อีเมลไม่ถูกต้อง / not a valid e-mail address",
} as const;

/**
 * Why a text is refused, or null when it is clean: lone surrogates, control characters (tab, CR
 * and LF are allowed in multi-line text), bidirectional controls, and line separators.
 */
export function textProblem(value: string, options: { multiLine: boolean }): string | null {
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  const control = options.multiLine ? CONTROL_BUT_TAB_CR_LF : CONTROL;
  if (control.test(value) || BIDI_CONTROLS.test(value) || (!options.multiLine && SEPARATORS.test(value)))
    return TEXT_MESSAGES.control;
  return null;
}

/**
 * A one-line text from outside that cannot be refused (an identity provider's `name` claim):
 * lone surrogates, control and bidirectional characters removed, white space collapsed, cut to
 * `max` UTF-16 units (as `singleLine` counts them). Null when nothing is left.
 */
export function sanitizeLine(value: string, max: number): string | null {
  const cleaned = value
    .replace(new RegExp(LONE_SURROGATE.source, "g"), "")
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
    .replace(new RegExp(BIDI_CONTROLS.source, "g"), "")
    .replace(/\s+/g, " ")
    .trim();
  // At most `max` UTF-16 units (the one-line rule's measure), never half a surrogate pair.
  let cut = "";
  for (const ch of cleaned) {
    if (cut.length + ch.length > max) break;
    cut += ch;
  }
  return cut.trim() || null;
}

/** Something a reader can see: not only white space and invisible format characters (U+200B…). */
const VISIBLE = /[^\s\p{Z}\p{Cf}]/u;
const visible = v.check((value: string) => value === "" || VISIBLE.test(value), TEXT_MESSAGES.invisible);

const clean = (multiLine: boolean) =>
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = textProblem(dataset.value, { multiLine });
    if (problem) addIssue({ message: problem });
  });

/**
 * A one-line text (a name, a position, a title): trimmed, clean (see textProblem), 1..max
 * characters; with `optional`, an empty text is allowed.
 */
export function singleLine(max: number, options: { optional?: boolean } = {}) {
  return v.pipe(
    v.string(),
    clean(false),
    v.trim(),
    v.minLength(options.optional ? 0 : 1, TEXT_MESSAGES.required),
    visible,
    v.maxLength(max, TEXT_MESSAGES.tooLong(max)),
  );
}

/** A text of several lines (a reason, a terms body): tab, CR and LF allowed; trimmed; 1..max. */
export function multiLine(max: number, options: { optional?: boolean } = {}) {
  return v.pipe(
    v.string(),
    clean(true),
    v.trim(),
    v.minLength(options.optional ? 0 : 1, TEXT_MESSAGES.required),
    visible,
    v.maxLength(max, TEXT_MESSAGES.tooLong(max)),
  );
}

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A lower-case DNS host name with a top-level domain, e.g. `nso.go.th`. */
export function isDomainName(value: string): boolean {
  return DOMAIN.test(value);
}

/** An e-mail address: one `@`, a local part valibot's `email` accepts, a real domain name. */
export const EmailAddress = v.pipe(
  v.string(),
  clean(false),
  v.trim(),
  v.toLowerCase(),
  v.minLength(1, TEXT_MESSAGES.required),
  v.maxLength(254, TEXT_MESSAGES.tooLong(254)),
  v.email(TEXT_MESSAGES.email),
  v.check((email) => isDomainName(email.slice(email.indexOf("@") + 1)), TEXT_MESSAGES.email),
);

/**
 * The mailbox an address delivers to, for "is this the same person?" checks: lower-case, with a
 * `+tag` sub-address dropped (RFC 5233), so `somchai+boss@dga.or.th` is `somchai@dga.or.th`.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).split("+")[0]!;
  return `${local}${email.slice(at)}`.toLowerCase();
}

/**
 * A list typed in one text (domains, addresses, days): split at commas, semicolons, ASCII
 * spaces, tabs and line breaks only, so that any other character stays in an item and meets
 * the item's own rule (JavaScript's `\s` would also split at control and odd space characters).
 */
export function listItems(text: string): string[] {
  return text.split(/[,; \t\r\n]+/).filter((item) => item !== "");
}

/** Nothing typed: empty, or only ASCII spaces, tabs and line breaks (not other "white space"). */
export function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** A whole number typed in a form (digits only: not `0x10`, `1e2` or ` 3`), or null. */
export function wholeNumber(text: string): number | null {
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : null;
}

/** A DNS domain name, trimmed and lower-cased. */
export const DomainName = v.pipe(
  v.string(),
  clean(false),
  v.trim(),
  v.toLowerCase(),
  v.check(isDomainName, "ชื่อโดเมนไม่ถูกต้อง / not a valid domain name"),
);

/**
 * Checks one field with its schema: the clean value, or the messages of its problems. For the
 * places that check fields one by one (CSV rows, an agency patch) with the JSON API's rules.
 */
export function checkField<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
  const result = v.safeParse(schema, value);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, message: result.issues[0]?.message ?? TEXT_MESSAGES.required };
}
