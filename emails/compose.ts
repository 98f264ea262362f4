import {
  escapeHtml,
  footerText,
  inLanguage,
  inLanguageHtml,
  layout,
  type EmailLang,
  type RenderedEmail,
} from "./layout";

export type { Bilingual } from "../src/text/bilingual";
import type { Bilingual } from "../src/text/bilingual";
export { inLanguage, type EmailLang } from "./layout";

/**
 * The pieces a message is made of. Each template lists blocks once and both the HTML and the
 * plain text are rendered from them, so the two versions cannot drift apart.
 */
export type Block =
  | ({ kind: "text" } & Bilingual)
  | { kind: "code"; code: string }
  | ({ kind: "button"; href: string } & Bilingual)
  | { kind: "facts"; rows: (Bilingual & { value: string })[] }
  | ({ kind: "quote"; body: string } & Bilingual);

/**
 * Renders a message: the subject, the HTML page and its plain-text twin, in the recipient's
 * language when it is known (`lang`), else in both: "Thai / English", Thai first.
 */
export function composeEmail({
  subject,
  blocks,
  lang,
}: {
  subject: Bilingual;
  blocks: Block[];
  lang?: EmailLang;
}): RenderedEmail {
  // A subject is one header line: names typed by users must not break it.
  const subjectLine = inLanguage(subject, lang).replace(/\s+/g, " ").trim();
  return {
    subject: subjectLine,
    html: layout({ title: subjectLine, bodyHtml: blocks.map((b) => blockHtml(b, lang)).join("\n"), lang }),
    text: [...blocks.map((b) => blockText(b, lang)), footerText(lang)].join("\n\n") + "\n",
  };
}

/** Absolute http(s) only: a `javascript:` or relative link must never reach an inbox. */
function checkedHref(href: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(href)) throw new Error("E-mail links must be absolute http(s) URLs");
  return href;
}

const MUTED = "color:#4b5563;font-size:15px;";

const BUTTON_FALLBACK: Bilingual = {
  th: "หากปุ่มใช้ไม่ได้ ให้เปิดลิงก์นี้",
  en: "If the button does not work, open this link:",
};

function blockHtml(block: Block, lang: EmailLang): string {
  switch (block.kind) {
    case "text":
      return lang
        ? `<p style="margin:0 0 16px;">${escapeHtml(block[lang])}</p>`
        : `<p style="margin:0 0 2px;">${escapeHtml(block.th)}</p>
<p lang="en" style="margin:0 0 16px;${MUTED}">${escapeHtml(block.en)}</p>`;
    case "code":
      return `<p style="margin:8px 0 20px;text-align:center;"><span style="display:inline-block;padding:12px 20px;border:1px solid #d1d5db;border-radius:8px;background-color:#f9fafb;font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;font-size:32px;font-weight:700;letter-spacing:8px;color:#111827;">${escapeHtml(block.code)}</span></p>`;
    case "button": {
      const href = escapeHtml(checkedHref(block.href));
      return `<p style="margin:8px 0;text-align:center;"><a href="${href}" target="_blank" style="display:inline-block;padding:12px 24px;border-radius:6px;background-color:#1d4ed8;color:#ffffff;font-weight:600;text-decoration:none;">${inLanguageHtml(block, lang)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#6b7280;word-break:break-all;">${inLanguageHtml(BUTTON_FALLBACK, lang)}<br><a href="${href}" target="_blank" style="color:#1d4ed8;">${href}</a></p>`;
    }
    case "facts": {
      const rows = block.rows
        .map(
          (
            row,
          ) => `<tr><td style="padding:6px 12px 6px 0;vertical-align:top;width:40%;font-size:14px;color:#6b7280;">${inLanguageHtml(row, lang, "<br>")}</td>
<td style="padding:6px 0;vertical-align:top;word-break:break-word;">${escapeHtml(row.value)}</td></tr>`,
        )
        .join("\n");
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-top:1px solid #e5e7eb;border-bottom:1px solid #e5e7eb;">
${rows}
</table>`;
    }
    case "quote":
      return `<p style="margin:0 0 4px;font-size:14px;color:#6b7280;">${inLanguageHtml(block, lang)}</p>
<div style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #d1d5db;background-color:#f9fafb;white-space:pre-line;word-break:break-word;">${escapeHtml(block.body)}</div>`;
    default:
      return unreachable(block);
  }
}

function blockText(block: Block, lang: EmailLang): string {
  switch (block.kind) {
    case "text":
      return inLanguage(block, lang, "\n");
    case "code":
      return `    ${block.code}`;
    case "button":
      return `${inLanguage(block, lang)}:\n${checkedHref(block.href)}`;
    case "facts":
      return block.rows.map((row) => `${inLanguage(row, lang)}: ${row.value}`).join("\n");
    case "quote":
      return `${inLanguage(block, lang)}:\n${block.body
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join("\n")}`;
    default:
      return unreachable(block);
  }
}

function unreachable(block: never): never {
  throw new Error(`Unknown e-mail block: ${JSON.stringify(block)}`);
}
