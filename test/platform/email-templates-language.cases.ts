import { describe, it, expect } from "vitest";
import { formatDateEn, formatDateTh } from "../../src/text/dates";
import { applicationReceivedEmail } from "../../emails/application-received";
import type { EmailLang } from "../../emails/compose";
import { SERVICE_NAME, SUPPORT } from "../../src/text/catalogue";
import {
  THAI,
  LINK,
  APP_URL,
  AT,
  expectThaiThenEnglish,
  signIn,
  approval,
  outcome,
  membership,
} from "../helpers/email-fixtures";
import { AGENCY, everyTemplate } from "../helpers/email-catalogue";

// Every template in the recipient's language: Thai only, English only, or both when unknown.

/**
 * Two English words in a row, once links, addresses and the names Thai text keeps in English
 * (Data.go.th, Data Steward, API, steward) are left out: an English sentence or phrase.
 */
function englishPhrase(text: string): string | null {
  const rest = text
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/Data\.go\.th|Data Steward|\bAPI\b|\bsteward\b/g, " ");
  return /[A-Za-z]{2,}[\s,.:;'()-]+[A-Za-z]{2,}/.exec(rest)?.[0] ?? null;
}

/** The words a reader sees in the HTML: tags, styles and entities out. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ");
}

describe("the recipient's language", () => {
  it("in Thai: no English sentence in any template's subject, text or HTML, and an HTML page in Thai", () => {
    for (const [name, email] of everyTemplate("th")) {
      for (const [part, text] of [
        ["subject", email.subject],
        ["text", email.text],
        ["html", visibleText(email.html)],
      ]) {
        expect(englishPhrase(text!), `${name}: ${part}`).toBeNull();
      }
      expect(email.subject, name).toMatch(THAI);
      expect(email.subject, name).not.toContain(" / ");
      expect(email.html, name).toContain('<html lang="th">');
      expect(email.html, name).not.toContain('lang="en"');
      expect(email.text, name).toContain(SERVICE_NAME.th);
    }
  });

  it("in English: no Thai at all in any template's subject, text or HTML, and an HTML page in English", () => {
    for (const [name, email] of everyTemplate("en")) {
      expect(email.subject, name).not.toMatch(THAI);
      expect(email.text, name).not.toMatch(THAI);
      expect(email.html, name).not.toMatch(THAI);
      expect(email.subject, name).not.toContain(" / ");
      expect(email.html, name).toContain('<html lang="en">');
    }
  });

  it("unknown: every template in Thai then English, as before", () => {
    for (const lang of [null, undefined]) {
      for (const [name, email] of everyTemplate(lang)) {
        expectThaiThenEnglish(email.subject);
        expect(email.text, name).toMatch(THAI);
        expect(englishPhrase(email.text), name).not.toBeNull();
        expect(email.html, name).toContain('<html lang="th">');
        expect(email.html, name).toContain('lang="en"');
      }
    }
  });

  it("says the values written in both languages in the reader's only", () => {
    const th = outcome({ decidedBy: "admin@dga.or.th", decidedAt: AT, lang: "th" });
    expect(th.text).toContain(`เมื่อ: ${formatDateTh(AT)}\n`);
    expect(th.text).not.toContain(formatDateEn(AT));
    const en = membership({ lang: "en" });
    expect(en.text).toContain("Agency: Department of Examples\n");
    expect(en.text).toContain(`On: ${formatDateEn(AT)}\n`);
    expect(en.text).not.toContain("กรมตัวอย่าง");
    const both = membership();
    expect(both.text).toContain("หน่วยงาน / Agency: กรมตัวอย่าง / Department of Examples\n");
    const pending = (lang: EmailLang) =>
      applicationReceivedEmail({
        applicantName: "Somying",
        reference: "000123",
        ...AGENCY,
        approvers: [],
        deadlineAt: null,
        applicationUrl: `${APP_URL}/applications/app_1`,
        lang,
      }).text;
    expect(pending("en")).toContain("Approver: DGA confirms the approver first\n");
    expect(pending("th")).toContain("ผู้อนุมัติ: สพร. จะยืนยันผู้อนุมัติก่อน\n");
    expect(pending(null)).toContain("สพร. จะยืนยันผู้อนุมัติก่อน / DGA confirms the approver first");
  });

  it("a reminder's subject starts with the reminder word of its language", () => {
    expect(approval({ reminder: true, lang: "th" }).subject).toMatch(/^เตือน: คำขอแต่งตั้ง/);
    expect(approval({ reminder: true, lang: "en" }).subject).toBe(
      "Reminder: Data Steward request for Department of Examples",
    );
  });

  it("is headed by the service's name and ends with DGA's help contact, in the reader's language(s)", () => {
    const th = signIn({ lang: "th" });
    const en = signIn({ lang: "en" });
    const both = signIn();
    expect(th.html).toContain(`>${SERVICE_NAME.th}</p>`);
    expect(en.html).toContain(`>${SERVICE_NAME.en}</p>`);
    expect(both.html).toContain(`>${SERVICE_NAME.th} / <span lang="en">${SERVICE_NAME.en}</span></p>`);
    expect(both.html).not.toContain("steward · Data.go.th");
    for (const email of [th, en, both]) {
      expect(email.text).toContain(SUPPORT.phone);
      expect(email.text).toContain(SUPPORT.email);
      expect(email.html).toContain(`href="${SUPPORT.phoneHref}"`);
      expect(email.html).toContain(`href="mailto:${SUPPORT.email}"`);
    }
    expect(th.text).toMatch(/--\n.*\nสอบถามหรือขอความช่วยเหลือ: สพร\. โทร 0 2612 6060 อีเมล contact@dga\.or\.th\n$/);
    expect(en.text).toMatch(/--\n.*\nQuestions or help: DGA, phone 0 2612 6060, e-mail contact@dga\.or\.th\n$/);
    expect(both.text).toContain("สอบถามหรือขอความช่วยเหลือ");
    expect(both.text).toContain("Questions or help");
  });

  it("the button's fallback line is in the reader's language", () => {
    expect(signIn({ lang: "th" }).html).toContain("หากปุ่มใช้ไม่ได้ ให้เปิดลิงก์นี้<br>");
    expect(signIn({ lang: "en" }).html).toContain("If the button does not work, open this link:<br>");
    expect(signIn({ lang: "en" }).text).toContain(`Sign in with one click:\n${LINK}`);
  });
});
