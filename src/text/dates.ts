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

export type FormattedDate = { th: string; en: string };

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
