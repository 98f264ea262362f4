import { expect } from "vitest";
import { escapeHtml, type RenderedEmail } from "../../emails/layout";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { approvalRequestEmail } from "../../emails/approval-request";
import { applicationOutcomeEmail, type ApplicationOutcome } from "../../emails/application-outcome";
import { membershipChangedEmail, type MembershipOutcome } from "../../emails/membership-changed";

// Shared fixtures of the e-mail template tests: hostile values, a link, a fixed moment, and
// builders for each template with defaults a test overrides.
export const HOSTILE = "<script>alert(1)</script>";
export const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
export const THAI = /[\u0E00-\u0E7F]/;
// An "&" in a link must be written "&amp;" inside href, so both forms are checked.
export const LINK = "https://steward.example/approve/tok_abc123?x=1&y=2";
export const APP_URL = "https://steward.example";
export const AT = Date.UTC(2026, 0, 15, 3, 30); // 10:30 in Bangkok

/** Thai words come first, and the part after the last " / " is English only. */
export function expectThaiThenEnglish(subject: string) {
  const split = subject.lastIndexOf(" / ");
  expect(split).toBeGreaterThan(0);
  const [thai, english] = [subject.slice(0, split), subject.slice(split + 3)];
  expect(thai).toMatch(THAI);
  expect(english).not.toMatch(THAI);
  expect(english).toMatch(/[A-Za-z]{3,}/);
  expect(subject).toMatch(/^[\u0E00-\u0E7F]/);
  expect(subject).not.toMatch(/[\r\n]/);
}

export function expectHostileEscaped(email: RenderedEmail) {
  expect(email.html).not.toContain("<script");
  expect(email.html).toContain(ESCAPED);
  expect(email.text).toContain(HOSTILE);
}

export function expectLink(email: RenderedEmail, link: string) {
  expect(email.text).toContain(link);
  expect(email.html).toContain(`href="${escapeHtml(link)}"`);
}

export const signIn = (over: Partial<Parameters<typeof signInCodeEmail>[0]> = {}) =>
  signInCodeEmail({ code: "482913", link: LINK, expiresInMinutes: 10, ...over });

export const approval = (over: Partial<Parameters<typeof approvalRequestEmail>[0]> = {}) =>
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

export const outcome = (over: Partial<Parameters<typeof applicationOutcomeEmail>[0]> = {}) =>
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

export const membership = (over: Partial<Parameters<typeof membershipChangedEmail>[0]> = {}) =>
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

export const APPLICATION_OUTCOMES: ApplicationOutcome[] = [
  "approved",
  "rejected",
  "in_review",
  "returned",
  "expired",
  "withdrawn",
];
export const MEMBERSHIP_OUTCOMES: MembershipOutcome[] = ["revoked", "cancelled", "superseded", "suspended", "resumed"];
