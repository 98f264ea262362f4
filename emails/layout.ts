import { SERVICE_NAME, SUPPORT } from "../src/text/catalogue";
import type { Bilingual } from "../src/text/bilingual";
import type { Lang } from "../src/text/language";

/** One rendered message: the same content as a subject, plain text and HTML. */
export type RenderedEmail = { subject: string; text: string; html: string };

/**
 * The language of a message: the recipient's when it is known (then only that one), else
 * `null` or `undefined`: Thai first, then English.
 */
export type EmailLang = Lang | null | undefined;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes a value for HTML text and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** A text in the message's language, or "Thai / English" when the language is unknown. */
export function inLanguage(text: Bilingual, lang: EmailLang, separator = " / "): string {
  return lang ? text[lang] : `${text.th}${separator}${text.en}`;
}

/**
 * The same as HTML (escaped here): in both languages the English part is marked `lang="en"`;
 * `separatorHtml` is already HTML.
 */
export function inLanguageHtml(text: Bilingual, lang: EmailLang, separatorHtml = " / "): string {
  return lang
    ? escapeHtml(text[lang])
    : `${escapeHtml(text.th)}${separatorHtml}<span lang="en">${escapeHtml(text.en)}</span>`;
}

// Single quotes: the stack is written inside double-quoted style attributes. Thai faces are
// listed so that Windows and Android never fall back to a face without Thai glyphs.
export const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Sarabun', 'Noto Sans Thai', 'Leelawadee UI', Tahoma, Arial, sans-serif";

/** The closing line of every message. */
export const FOOTER = {
  th: `อีเมลฉบับนี้ส่งโดยอัตโนมัติจาก${SERVICE_NAME.th} ของ${SUPPORT.agency.th} กรุณาอย่าตอบกลับ`,
  en: `This is an automated message from the ${SERVICE_NAME.en} of the ${SUPPORT.agency.en}. Please do not reply.`,
} as const satisfies Bilingual;

/** Where to ask for help (DGA's phone and e-mail), as on every page's footer. */
const HELP = {
  lead: { th: "สอบถามหรือขอความช่วยเหลือ: สพร. โทร ", en: "Questions or help: DGA, phone " },
  between: { th: " อีเมล ", en: ", e-mail " },
} as const;

/** The help line in one language, as plain text. */
export function helpText(lang: Lang): string {
  return `${HELP.lead[lang]}${SUPPORT.phone}${HELP.between[lang]}${SUPPORT.email}`;
}

function helpHtml(lang: Lang): string {
  const link = "color:#6b7280;";
  return `${escapeHtml(HELP.lead[lang])}<a href="${SUPPORT.phoneHref}" style="${link}">${escapeHtml(SUPPORT.phone)}</a>${escapeHtml(HELP.between[lang])}<a href="mailto:${SUPPORT.email}" style="${link}">${escapeHtml(SUPPORT.email)}</a>`;
}

/** The closing lines of the plain text: the footer and DGA's contact, in the message's language(s). */
export function footerText(lang: EmailLang): string {
  const langs: Lang[] = lang ? [lang] : ["th", "en"];
  return ["--", ...langs.flatMap((l) => [FOOTER[l], helpText(l)])].join("\n");
}

function footerHtml(lang: EmailLang): string {
  if (lang) return `${escapeHtml(FOOTER[lang])}<br>${helpHtml(lang)}`;
  return `${escapeHtml(FOOTER.th)}<br>${helpHtml("th")}<br><span lang="en">${escapeHtml(FOOTER.en)}<br>${helpHtml("en")}</span>`;
}

/**
 * Wraps a message body in the shared page: `lang` of the message (Thai when both), one column
 * of at most 560px, inline styles only (mail clients drop `<style>` blocks). `title` is plain
 * text and is escaped here; `bodyHtml` must already be escaped.
 */
export function layout({ title, bodyHtml, lang }: { title: string; bodyHtml: string; lang?: EmailLang }): string {
  const safeTitle = escapeHtml(title);
  // Tables, not divs: Outlook on Windows ignores max-width on divs.
  return `<!doctype html>
<html lang="${lang ?? "th"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${safeTitle}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;width:100%;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:24px;font-family:${FONT_STACK};font-size:16px;line-height:1.6;color:#111827;text-align:left;">
<p style="margin:0 0 12px;font-size:13px;color:#6b7280;">${inLanguageHtml(SERVICE_NAME, lang)}</p>
<h1 style="margin:0 0 20px;font-size:20px;line-height:1.4;font-weight:700;color:#111827;">${safeTitle}</h1>
${bodyHtml}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;width:100%;">
<tr><td style="padding:16px 24px 0;font-family:${FONT_STACK};font-size:12px;line-height:1.5;color:#6b7280;text-align:left;">
${footerHtml(lang)}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
