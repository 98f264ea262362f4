import { describe, it, expect } from "vitest";
import { escapeHtml, layout, type RenderedEmail } from "../../emails/layout";
import { formatDateEn, formatDateTh } from "../../src/text/dates";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { approvalRequestEmail } from "../../emails/approval-request";
import { applicationOutcomeEmail, type ApplicationOutcome } from "../../emails/application-outcome";
import { membershipChangedEmail, type MembershipOutcome } from "../../emails/membership-changed";
import { applicationReceivedEmail } from "../../emails/application-received";
import { approvalConfirmCodeEmail } from "../../emails/approval-confirm-code";
import { approvalProgressEmail } from "../../emails/approval-progress";
import { handoverInvitationEmail } from "../../emails/handover-invitation";
import { keysExpiringEmail } from "../../emails/keys-expiring";
import { keyExpiryWarningEmail } from "../../emails/key-expiry-warning";
import { termsPublishedEmail } from "../../emails/terms-published";
import type { EmailLang } from "../../emails/compose";
import { SERVICE_NAME, SUPPORT } from "../../src/text/catalogue";
import type { Lang } from "../../src/text/language";

const HOSTILE = "<script>alert(1)</script>";
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
const THAI = /[\u0E00-\u0E7F]/;
// An "&" in a link must be written "&amp;" inside href, so both forms are checked.
const LINK = "https://steward.example/approve/tok_abc123?x=1&y=2";
const APP_URL = "https://steward.example";
const AT = Date.UTC(2026, 0, 15, 3, 30); // 10:30 in Bangkok

/** Thai words come first, and the part after the last " / " is English only. */
function expectThaiThenEnglish(subject: string) {
  const split = subject.lastIndexOf(" / ");
  expect(split).toBeGreaterThan(0);
  const [thai, english] = [subject.slice(0, split), subject.slice(split + 3)];
  expect(thai).toMatch(THAI);
  expect(english).not.toMatch(THAI);
  expect(english).toMatch(/[A-Za-z]{3,}/);
  expect(subject).toMatch(/^[\u0E00-\u0E7F]/);
  expect(subject).not.toMatch(/[\r\n]/);
}

function expectHostileEscaped(email: RenderedEmail) {
  expect(email.html).not.toContain("<script");
  expect(email.html).toContain(ESCAPED);
  expect(email.text).toContain(HOSTILE);
}

function expectLink(email: RenderedEmail, link: string) {
  expect(email.text).toContain(link);
  expect(email.html).toContain(`href="${escapeHtml(link)}"`);
}

const signIn = (over: Partial<Parameters<typeof signInCodeEmail>[0]> = {}) =>
  signInCodeEmail({ code: "482913", link: LINK, expiresInMinutes: 10, ...over });

const approval = (over: Partial<Parameters<typeof approvalRequestEmail>[0]> = {}) =>
  approvalRequestEmail({
    approverName: "อธิบดีกรมตัวอย่าง",
    applicantName: "สมหญิง รักข้อมูล",
    applicantEmail: "somying@example.go.th",
    position: "นักวิเคราะห์นโยบายและแผน",
    agencyNameTh: "กรมตัวอย่าง",
    agencyNameEn: "Department of Examples",
    role: "steward",
    reason: "ดูแลชุดข้อมูลของกรม",
    link: LINK,
    expiresAt: AT,
    reminder: false,
    ...over,
  });

const outcome = (over: Partial<Parameters<typeof applicationOutcomeEmail>[0]> = {}) =>
  applicationOutcomeEmail({
    applicantName: "สมหญิง รักข้อมูล",
    agencyNameTh: "กรมตัวอย่าง",
    agencyNameEn: "Department of Examples",
    outcome: "approved",
    reason: null,
    decidedBy: null,
    decidedAt: null,
    appUrl: APP_URL,
    ...over,
  });

const membership = (over: Partial<Parameters<typeof membershipChangedEmail>[0]> = {}) =>
  membershipChangedEmail({
    stewardName: "สมหญิง รักข้อมูล",
    agencyNameTh: "กรมตัวอย่าง",
    agencyNameEn: "Department of Examples",
    outcome: "revoked",
    reason: null,
    at: AT,
    appUrl: APP_URL,
    ...over,
  });

const APPLICATION_OUTCOMES: ApplicationOutcome[] = [
  "approved",
  "rejected",
  "in_review",
  "returned",
  "expired",
  "withdrawn",
];
const MEMBERSHIP_OUTCOMES: MembershipOutcome[] = ["revoked", "cancelled", "superseded", "suspended", "resumed"];

describe("layout", () => {
  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("is a Thai, mobile-friendly page with Thai fonts and an escaped title", () => {
    const html = layout({ title: HOSTILE, bodyHtml: "<p>body</p>" });
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain("max-width:560px");
    expect(html).toMatch(/'Sarabun'.*'Noto Sans Thai'.*sans-serif/);
    expect(html).toContain("<p>body</p>");
    expect(html).not.toContain("<script");
    expect(html).toContain(ESCAPED);
  });

  it("formats dates in Bangkok time", () => {
    expect(formatDateEn(0)).toContain("07:00");
    expect(formatDateEn(0)).toContain("1970");
    expect(formatDateTh(0)).toContain("07:00");
    expect(formatDateTh(0)).toMatch(/2513|1970/);
    expect(formatDateTh(0)).toMatch(THAI);
  });
});

describe("sign-in code e-mail", () => {
  it("has a Thai then English subject without the code", () => {
    const email = signIn();
    expectThaiThenEnglish(email.subject);
    expect(email.subject).toContain("รหัสเข้าสู่ระบบ steward");
    expect(email.subject).not.toContain("482913");
  });

  it("holds the code and the link in both versions, with the expiry", () => {
    const email = signIn();
    expect(email.text).toContain("482913");
    expect(email.html).toContain(">482913<");
    expect(email.html).toContain("letter-spacing");
    expectLink(email, LINK);
    expect(email.text).toContain("10 นาที");
    expect(email.text).toContain("10 minutes");
    expect(email.text).toContain("If you did not ask for this, ignore this e-mail.");
  });

  it("greets nobody by name (whoever asked for a code may not be its owner) and has no link when adding an address", () => {
    expect(signIn().text).toContain("Hello,");
    const verify = signIn({ link: undefined });
    expect(verify.text).toContain("482913");
    expect(verify.text).not.toMatch(/https?:/);
    expect(verify.subject).toContain("official e-mail");
  });

  it("never writes a link that is not absolute http(s)", () => {
    expect(() => signIn({ link: "javascript:alert(1)" })).toThrow();
    const email = signIn({ link: `https://steward.example/x?a="><img/src=x/onerror=alert(1)>` });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;");
  });
});

describe("approval request e-mail", () => {
  it("has a Thai then English subject, with a reminder prefix only for reminders", () => {
    const first = approval();
    const reminder = approval({ reminder: true });
    expectThaiThenEnglish(first.subject);
    expectThaiThenEnglish(reminder.subject);
    expect(first.subject.startsWith("เตือน")).toBe(false);
    expect(reminder.subject.startsWith("เตือน / Reminder: ")).toBe(true);
    expect(reminder.subject).toBe(`เตือน / Reminder: ${first.subject}`);
  });

  it("says who asks for what, with the link and the deadline in both versions", () => {
    const email = approval();
    expectLink(email, LINK);
    for (const part of [
      "สมหญิง รักข้อมูล",
      "somying@example.go.th",
      "นักวิเคราะห์นโยบายและแผน",
      "กรมตัวอย่าง",
      "Department of Examples",
      "ผู้ดูแลข้อมูล (Data Steward)",
      "ดูแลชุดข้อมูลของกรม",
    ]) {
      expect(email.text).toContain(part);
      expect(email.html).toContain(escapeHtml(part));
    }
    expect(email.text).toContain(formatDateTh(AT));
    expect(email.text).toContain(formatDateEn(AT));
    expect(email.text).toContain("Opening the link does not decide anything");
  });

  it("escapes hostile applicant values in HTML", () => {
    for (const field of [
      "applicantName",
      "applicantEmail",
      "position",
      "reason",
      "agencyNameTh",
      "approverName",
    ] as const) {
      expectHostileEscaped(approval({ [field]: HOSTILE }));
    }
  });
});

describe("application outcome e-mail", () => {
  it("gives every outcome its own Thai then English subject", () => {
    const subjects = APPLICATION_OUTCOMES.map((o) => outcome({ outcome: o }).subject);
    subjects.forEach(expectThaiThenEnglish);
    expect(new Set(subjects).size).toBe(APPLICATION_OUTCOMES.length);
  });

  it("links to the next step in both versions", () => {
    expectLink(outcome({ outcome: "approved" }), `${APP_URL}/keys`);
    expectLink(outcome({ outcome: "returned", reason: "แนบหนังสือแต่งตั้ง" }), `${APP_URL}/applications`);
    expectLink(outcome({ outcome: "expired", appUrl: `${APP_URL}/` }), `${APP_URL}/applications`);
  });

  it("names who decided, when and why", () => {
    const email = outcome({
      outcome: "rejected",
      reason: "ไม่ใช่บุคลากรของหน่วยงาน",
      decidedBy: "admin@dga.or.th",
      decidedAt: AT,
    });
    for (const part of ["ไม่ใช่บุคลากรของหน่วยงาน", "admin@dga.or.th", formatDateTh(AT), formatDateEn(AT)]) {
      expect(email.text).toContain(part);
      expect(email.html).toContain(escapeHtml(part));
    }
  });

  it("escapes hostile values in HTML", () => {
    for (const field of ["applicantName", "reason", "decidedBy", "agencyNameEn"] as const) {
      expectHostileEscaped(outcome({ outcome: "returned", [field]: HOSTILE }));
    }
  });
});

describe("membership changed e-mail", () => {
  it("gives every outcome its own Thai then English subject", () => {
    const subjects = MEMBERSHIP_OUTCOMES.map((o) => membership({ outcome: o }).subject);
    subjects.forEach(expectThaiThenEnglish);
    expect(new Set(subjects).size).toBe(MEMBERSHIP_OUTCOMES.length);
  });

  it("says publish keys stopped at once only when the role ended", () => {
    for (const o of MEMBERSHIP_OUTCOMES) {
      const ended = o === "revoked" || o === "cancelled" || o === "superseded";
      expect(membership({ outcome: o }).text.includes("stopped working at once")).toBe(ended);
    }
  });

  it("shows the reason and the time, and links to the app", () => {
    const email = membership({ outcome: "suspended", reason: "ตรวจสอบการเผยแพร่" });
    expect(email.text).toContain("ตรวจสอบการเผยแพร่");
    expect(email.text).toContain(formatDateEn(AT));
    expectLink(email, APP_URL);
  });

  it("escapes hostile values in HTML", () => {
    for (const field of ["stewardName", "reason", "agencyNameTh"] as const) {
      expectHostileEscaped(membership({ [field]: HOSTILE }));
    }
  });
});

// What people type (names, reasons) in the language of the test, so that any other-language
// text in a message can only come from the template.
const TYPED: Record<Lang, { person: string; other: string; reason: string; position: string; title: string }> = {
  th: {
    person: "สมหญิง รักข้อมูล",
    other: "อธิบดีกรมตัวอย่าง",
    reason: "ดูแลชุดข้อมูลของกรม",
    position: "นักวิเคราะห์นโยบายและแผน",
    title: "ข้อตกลงการใช้งาน",
  },
  en: {
    person: "Somying Rakdata",
    other: "Director-General",
    reason: "Looks after the department's datasets",
    position: "Policy analyst",
    title: "Terms of use",
  },
};

const AGENCY = { agencyNameTh: "กรมตัวอย่าง", agencyNameEn: "Department of Examples" };

/** Every template, in every variant that changes its text, in one language (or both). */
function everyTemplate(lang: EmailLang): [string, RenderedEmail][] {
  const t = TYPED[lang ?? "th"];
  return [
    ["sign-in code", signInCodeEmail({ code: "482913", link: LINK, expiresInMinutes: 10, lang })],
    ["address code", signInCodeEmail({ code: "482913", expiresInMinutes: 1, lang })],
    ...[false, true].map((reminder): [string, RenderedEmail] => [
      `approval request${reminder ? " reminder" : ""}`,
      approvalRequestEmail({
        approverName: t.other,
        applicantName: t.person,
        applicantEmail: "somying@example.go.th",
        position: t.position,
        ...AGENCY,
        role: "steward",
        reason: t.reason,
        link: LINK,
        expiresAt: AT,
        reminder,
        lang,
      }),
    ]),
    [
      "approval request to nobody by name",
      approvalRequestEmail({
        approverName: null,
        applicantName: t.person,
        applicantEmail: "somying@example.go.th",
        position: t.position,
        ...AGENCY,
        role: "steward",
        reason: t.reason,
        link: LINK,
        expiresAt: AT,
        reminder: false,
        lang,
      }),
    ],
    ...(["approve", "reject"] as const).map((decision): [string, RenderedEmail] => [
      `confirm code (${decision})`,
      approvalConfirmCodeEmail({
        code: "482913",
        decision,
        applicantName: t.person,
        ...AGENCY,
        expiresInMinutes: 10,
        lang,
      }),
    ]),
    ...(["reminder_sent", "fallback_sent"] as const).map((progress): [string, RenderedEmail] => [
      `progress (${progress})`,
      approvalProgressEmail({
        applicantName: t.person,
        ...AGENCY,
        progress,
        day: 3,
        deadline: AT,
        appUrl: APP_URL,
        lang,
      }),
    ]),
    ...[[t.other], []].map((approvers): [string, RenderedEmail] => [
      `receipt (${approvers.length} approvers)`,
      applicationReceivedEmail({
        applicantName: t.person,
        reference: "000123",
        ...AGENCY,
        approvers,
        deadlineAt: approvers.length ? AT : null,
        applicationUrl: `${APP_URL}/applications/app_1`,
        lang,
      }),
    ]),
    ...APPLICATION_OUTCOMES.map((o): [string, RenderedEmail] => [
      `outcome (${o})`,
      applicationOutcomeEmail({
        applicantName: t.person,
        ...AGENCY,
        outcome: o,
        reason: o === "withdrawn" ? null : t.reason,
        reasonOnPageOnly: o === "withdrawn",
        decidedBy: "admin@dga.or.th",
        decidedAt: AT,
        appUrl: APP_URL,
        lang,
      }),
    ]),
    ["handover invitation", handoverInvitationEmail({ predecessorName: t.person, ...AGENCY, appUrl: APP_URL, lang })],
    ...[true, false].map((immediate): [string, RenderedEmail] => [
      `keys expiring (${immediate ? "now" : "later"})`,
      keysExpiringEmail({
        ownerName: t.person,
        keys: [{ name: t.title, prefix: "stw_ab12" }],
        expiresAt: AT,
        immediate,
        reason: t.reason,
        appUrl: APP_URL,
        lang,
      }),
    ]),
    ...[14, 3].map((days): [string, RenderedEmail] => [
      `key expiry warning (${days} days)`,
      keyExpiryWarningEmail({
        ownerName: t.person,
        key: { name: t.title, prefix: "stw_ab12" },
        expiresAt: AT,
        days,
        appUrl: APP_URL,
        lang,
      }),
    ]),
    ...MEMBERSHIP_OUTCOMES.map((o): [string, RenderedEmail] => [
      `membership (${o})`,
      membershipChangedEmail({
        stewardName: t.person,
        ...AGENCY,
        outcome: o,
        reason: t.reason,
        at: AT,
        appUrl: APP_URL,
        lang,
      }),
    ]),
    [
      "terms published",
      termsPublishedEmail({
        version: "2026-1",
        titleTh: "ข้อตกลงการใช้งาน",
        titleEn: "Terms of use",
        effectiveAt: AT,
        appUrl: APP_URL,
        lang,
      }),
    ],
  ];
}

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
