import { escapeHtml, FOOTER, layout, type RenderedEmail } from "./layout";

export type { Bilingual } from "../src/text/bilingual";
import type { Bilingual } from "../src/text/bilingual";

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

/** Renders a message: subject "Thai / English", the HTML page and its plain-text twin. */
export function composeEmail({ subject, blocks }: { subject: Bilingual; blocks: Block[] }): RenderedEmail {
  // A subject is one header line: names typed by users must not break it.
  const subjectLine = `${subject.th} / ${subject.en}`.replace(/\s+/g, " ").trim();
  return {
    subject: subjectLine,
    html: layout({ title: subjectLine, bodyHtml: blocks.map(blockHtml).join("\n") }),
    text: [...blocks.map(blockText), `--\n${FOOTER.th}\n${FOOTER.en}`].join("\n\n") + "\n",
  };
}

/** Absolute http(s) only: a `javascript:` or relative link must never reach an inbox. */
function checkedHref(href: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(href)) throw new Error("E-mail links must be absolute http(s) URLs");
  return href;
}

const MUTED = "color:#4b5563;font-size:15px;";

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "text":
      return `<p style="margin:0 0 2px;">${escapeHtml(block.th)}</p>
<p lang="en" style="margin:0 0 16px;${MUTED}">${escapeHtml(block.en)}</p>`;
    case "code":
      return `<p style="margin:8px 0 20px;text-align:center;"><span style="display:inline-block;padding:12px 20px;border:1px solid #d1d5db;border-radius:8px;background-color:#f9fafb;font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;font-size:32px;font-weight:700;letter-spacing:8px;color:#111827;">${escapeHtml(block.code)}</span></p>`;
    case "button": {
      const href = escapeHtml(checkedHref(block.href));
      return `<p style="margin:8px 0;text-align:center;"><a href="${href}" target="_blank" style="display:inline-block;padding:12px 24px;border-radius:6px;background-color:#1d4ed8;color:#ffffff;font-weight:600;text-decoration:none;">${escapeHtml(block.th)} / <span lang="en">${escapeHtml(block.en)}</span></a></p>
<p style="margin:0 0 16px;font-size:13px;color:#6b7280;word-break:break-all;">หากปุ่มใช้ไม่ได้ ให้เปิดลิงก์นี้ / <span lang="en">If the button does not work, open this link:</span><br><a href="${href}" target="_blank" style="color:#1d4ed8;">${href}</a></p>`;
    }
    case "facts": {
      const rows = block.rows
        .map(
          (
            row,
          ) => `<tr><td style="padding:6px 12px 6px 0;vertical-align:top;width:40%;font-size:14px;color:#6b7280;">${escapeHtml(row.th)}<br><span lang="en">${escapeHtml(row.en)}</span></td>
<td style="padding:6px 0;vertical-align:top;word-break:break-word;">${escapeHtml(row.value)}</td></tr>`,
        )
        .join("\n");
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-top:1px solid #e5e7eb;border-bottom:1px solid #e5e7eb;">
${rows}
</table>`;
    }
    case "quote":
      return `<p style="margin:0 0 4px;font-size:14px;color:#6b7280;">${escapeHtml(block.th)} / <span lang="en">${escapeHtml(block.en)}</span></p>
<div style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #d1d5db;background-color:#f9fafb;white-space:pre-line;word-break:break-word;">${escapeHtml(block.body)}</div>`;
    default:
      return unreachable(block);
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "text":
      return `${block.th}\n${block.en}`;
    case "code":
      return `    ${block.code}`;
    case "button":
      return `${block.th} / ${block.en}:\n${checkedHref(block.href)}`;
    case "facts":
      return block.rows.map((row) => `${row.th} / ${row.en}: ${row.value}`).join("\n");
    case "quote":
      return `${block.th} / ${block.en}:\n${block.body
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
