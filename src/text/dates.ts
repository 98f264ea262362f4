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

const TIMESTAMP = new Intl.DateTimeFormat("sv-SE", {
  timeZone: BANGKOK,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** A moment (ms) as a sortable Bangkok-time stamp for spreadsheets, e.g. "2026-11-30 14:05:09" (Gregorian). */
export function bangkokTimestamp(ms: number): string {
  return TIMESTAMP.format(ms);
}

/**
 * The bounds (ms) of a calendar day in Bangkok, from `YYYY-MM-DD` (Gregorian, as a date input
 * sends it): its first and its last millisecond. Null when the text is not such a day.
 */
export function bangkokDay(day: string): { start: number; end: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = Date.parse(`${day}T00:00:00+07:00`);
  if (Number.isNaN(start) || new Date(start + 7 * 3600_000).toISOString().slice(0, 10) !== day) return null;
  return { start, end: start + 86_400_000 - 1 };
}

/**
 * The Bangkok calendar day (`YYYY-MM-DD`, Gregorian) of a moment (ms). On the gateway's hot path:
 * the day's bounds are kept, so most calls compare two numbers instead of formatting.
 */
export function bangkokDate(ms: number): string {
  if (ms >= today.start && ms <= today.end) return today.date;
  const date = bangkokTimestamp(ms).slice(0, 10);
  today = { date, ...bangkokDay(date)! };
  return date;
}

let today = { date: "", start: 1, end: 0 };

/** A day for Thai readers, Buddhist era: "30 พ.ย. 2569". */
export function formatDayTh(ms: number): string {
  return DAY_TH.format(ms);
}

const DAY_TH = new Intl.DateTimeFormat("th-TH", { timeZone: BANGKOK, dateStyle: "medium" });
const DAY_EN = new Intl.DateTimeFormat("en-GB", { timeZone: BANGKOK, dateStyle: "medium" });

/** A Bangkok day (`YYYY-MM-DD`) for each reader: "30 พ.ย. 2569" and "30 Nov 2026"; as it is when not a day. */
export function formatDay(day: string): Bilingual {
  const bounds = bangkokDay(day);
  if (!bounds) return { th: day, en: day };
  return { th: DAY_TH.format(bounds.start), en: DAY_EN.format(bounds.start) };
}

const COUNT = { th: new Intl.NumberFormat("th-TH"), en: new Intl.NumberFormat("en-GB") };

/** A count with thousands separators for each reader ("1,234"). */
export function formatCount(n: number): Bilingual {
  return { th: COUNT.th.format(n), en: COUNT.en.format(n) };
}
