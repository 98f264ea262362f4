import { type RenderedEmail } from "../../emails/layout";
import { signInCodeEmail } from "../../emails/sign-in-code";
import { approvalRequestEmail } from "../../emails/approval-request";
import { applicationOutcomeEmail } from "../../emails/application-outcome";
import { membershipChangedEmail } from "../../emails/membership-changed";
import { applicationReceivedEmail } from "../../emails/application-received";
import { approvalConfirmCodeEmail } from "../../emails/approval-confirm-code";
import { approvalProgressEmail } from "../../emails/approval-progress";
import { approverBouncedEmail } from "../../emails/approver-bounced";
import { handoverInvitationEmail } from "../../emails/handover-invitation";
import { keysExpiringEmail } from "../../emails/keys-expiring";
import { keyExpiryWarningEmail } from "../../emails/key-expiry-warning";
import { termsPublishedEmail } from "../../emails/terms-published";
import type { EmailLang } from "../../emails/compose";
import type { Lang } from "../../src/text/language";
import { LINK, APP_URL, AT, APPLICATION_OUTCOMES, MEMBERSHIP_OUTCOMES } from "./email-fixtures";

// The catalogue of every e-mail template, rendered in one language (or both), for the tests
// that read every message (test/platform/email-templates-language.cases.ts).

// What people type (names, reasons) in the language of the test, so that any other-language
// text in a message can only come from the template.
export const TYPED: Record<Lang, { person: string; other: string; reason: string; position: string; title: string }> = {
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

export const AGENCY = { agencyNameTh: "กรมตัวอย่าง", agencyNameEn: "Department of Examples" };

/** Every template, in every variant that changes its text, in one language (or both). */
export function everyTemplate(lang: EmailLang): [string, RenderedEmail][] {
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
    [
      "approver bounced",
      approverBouncedEmail({
        applicantName: t.person,
        ...AGENCY,
        reference: "000123",
        approverEmail: "director@example.go.th",
        appUrl: APP_URL,
        lang,
      }),
    ],
  ];
}
