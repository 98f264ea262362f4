import { describe, it, expect } from "vitest";
import { escapeHtml, layout } from "../../emails/layout";
import { formatDateEn, formatDateTh } from "../../src/text/dates";
import {
  HOSTILE,
  ESCAPED,
  THAI,
  LINK,
  APP_URL,
  AT,
  expectThaiThenEnglish,
  expectHostileEscaped,
  expectLink,
  signIn,
  approval,
  outcome,
  membership,
  APPLICATION_OUTCOMES,
  MEMBERSHIP_OUTCOMES,
} from "../helpers/email-fixtures";

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
