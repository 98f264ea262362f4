import type { Bilingual } from "./bilingual";

// The one way moments are written for people: Bangkok time, Buddhist era in Thai, on pages and in e-mails.

const BANGKOK = "Asia/Bangkok";

const FORMATS = {
  medium: {
    th: new Intl.DateTimeFormat("th-TH", { timeZone: BANGKOK, dateStyle: "medium", timeStyle: "short" }),
    en: new Intl.DateTimeFormat("en-GB", { timeZone: BANGKOK, dateStyle: "medium", timeStyle: "short" }),
  },
  long: {
    th: new Intl.DateTimeFormat("th-TH", { timeZone: BANGKOK, dateStyle: "long", timeStyle: "short" }),
    en: new Intl.DateTimeFormat("en-GB", { timeZone: BANGKOK, dateStyle: "long", timeStyle: "short" }),
  },
} as const;

export type FormattedDate = Bilingual;

/**
 * An ISO date in Bangkok time, for Thai readers (Buddhist era, "น.") and English readers.
 * A string that is not a date comes back as it is rather than as "Invalid Date".
 */
export function formatDate(iso: string, style: "medium" | "long" = "medium"): FormattedDate {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { th: iso, en: iso };
  const f = FORMATS[style];
  return { th: `${f.th.format(ms)} น.`, en: f.en.format(ms) };
}

/** A moment (ms) in Bangkok time for Thai readers, e.g. "1 มกราคม 2513 เวลา 07:00 น." (Buddhist era). */
export function formatDateTh(ms: number): string {
  return `${FORMATS.long.th.format(ms)} น.`;
}

/** A moment (ms) in Bangkok time for English readers, e.g. "1 January 1970 at 07:00 (Bangkok time)". */
export function formatDateEn(ms: number): string {
  return `${FORMATS.long.en.format(ms)} (Bangkok time)`;
}
