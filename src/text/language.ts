import type { Bilingual } from "./bilingual";

/** The languages of the interface: Thai first (the default), English second. */
export const LANGUAGES = ["th", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The cookie that keeps a visitor's chosen language (see the language switch). */
export const LANGUAGE_COOKIE = "steward_lang";

export function isLang(value: unknown): value is Lang {
  return value === "th" || value === "en";
}

/** A text in one language. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** A quality value as RFC 9110 §12.4.2 writes it: 0 to 1, at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The language of a page: the visitor's choice (cookie), else the first of Thai or English in
 * their browser's `Accept-Language` by quality (RFC 9110 §12.5.4: `q=0` means "not this"),
 * else Thai.
 */
export function negotiateLanguage(chosen: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(chosen)) return chosen;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").split(",").slice(0, 20)) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const primary = range.split("-")[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (qParam && !QVALUE.test(qParam.slice(2))) continue;
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? "th";
}
