/** One rendered message: the same content as a subject, plain text and HTML. */
export type RenderedEmail = { subject: string; text: string; html: string };

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

// Single quotes: the stack is written inside double-quoted style attributes. Thai faces are
// listed so that Windows and Android never fall back to a face without Thai glyphs.
export const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Sarabun', 'Noto Sans Thai', 'Leelawadee UI', Tahoma, Arial, sans-serif";

/** The closing lines of every message, Thai first. */
export const FOOTER = {
  th: "อีเมลฉบับนี้ส่งโดยอัตโนมัติจากระบบ steward ของ Data.go.th (สพร.) กรุณาอย่าตอบกลับ",
  en: "This is an automated message from steward, Data.go.th (DGA). Please do not reply.",
} as const;

/**
 * Wraps a message body in the shared page: `lang="th"`, one column of at most 560px, inline
 * styles only (mail clients drop `<style>` blocks). `title` is plain text and is escaped here;
 * `bodyHtml` must already be escaped.
 */
export function layout({ title, bodyHtml }: { title: string; bodyHtml: string }): string {
  const safeTitle = escapeHtml(title);
  // Tables, not divs: Outlook on Windows ignores max-width on divs.
  return `<!doctype html>
<html lang="th">
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
<p style="margin:0 0 12px;font-size:13px;color:#6b7280;">steward · Data.go.th</p>
<h1 style="margin:0 0 20px;font-size:20px;line-height:1.4;font-weight:700;color:#111827;">${safeTitle}</h1>
${bodyHtml}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;width:100%;">
<tr><td style="padding:16px 24px 0;font-family:${FONT_STACK};font-size:12px;line-height:1.5;color:#6b7280;text-align:left;">
${escapeHtml(FOOTER.th)}<br><span lang="en">${escapeHtml(FOOTER.en)}</span>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
