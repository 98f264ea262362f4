import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors";
import type { Lang } from "../../src/text/language";
import { PageContext } from "../../src/views/platform/page-context";
import { AdminApplicationsPage, type AdminApplicationView } from "../../src/views/applications/admin-page";
import { consoleFormProblem } from "../../src/routes/pages/applications/review-forms";

// The console's forms on an application (DGA's review, the approver's confirmation) when refused:
// GOV.UK's error pattern on a page with one set of forms per application. Rendered directly: the
// route that answers them (routes/pages/platform/console.tsx) hands the page its failure.

const ID = "app_test1";

function application(overrides: Partial<AdminApplicationView> = {}): AdminApplicationView {
  return {
    id: ID,
    reference: "000123",
    agencyNameTh: "หน่วยงานทดสอบ",
    agencyNameEn: "Test agency",
    role: "steward",
    status: "awaiting_review",
    position: "นักวิชาการ",
    phone: "02 111 2222",
    reason: "เผยแพร่ข้อมูล",
    createdAt: "2026-11-01T03:00:00.000Z",
    updatedAt: "2026-11-01T03:00:00.000Z",
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    deadlineAt: null,
    approver: null,
    awaitingApprover: false,
    executiveDecision: null,
    membership: null,
    applicantId: "usr_test1",
    applicantName: "ผู้ขอ ทดสอบ",
    applicantEmail: "someone@test.go.th",
    ...overrides,
  };
}

async function render(
  lang: Lang,
  a: AdminApplicationView,
  failed: { section: string; error: AppError; values: Record<string, string> } | null,
): Promise<string> {
  const failure = failed
    ? {
        section: failed.section,
        message: failed.error.message,
        values: failed.values,
        problem: consoleFormProblem(failed),
      }
    : null;
  const page = (
    <PageContext.Provider value={{ lang, path: "/admin/review" }}>
      <AdminApplicationsPage
        user={{ name: "Admin", email: "admin@dga.or.th", isAdmin: true }}
        tab="review"
        applications={[a]}
        q=""
        filter="awaiting_review"
        cursor={null}
        nextCursor={null}
        failure={failure}
      />
    </PageContext.Provider>
  );
  return String(await page.toString());
}

const tagWithId = (html: string, tag: string, id: string) =>
  new RegExp(`<${tag}\\b[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";

describe("the review queue's forms", () => {
  it("a return without a reason: the summary links the return's reason, its message, aria-invalid; what was typed stays", async () => {
    const error = new AppError("invalid_request", {
      th: "กรุณาระบุเหตุผลที่ส่งกลับ",
      en: "A returned application needs a reason.",
    });
    const failed = { section: `review-${ID}`, error, values: { decision: "return", reason: "  " } };
    const th = await render("th", application(), failed);
    const field = `return-reason-${ID}`;
    expect(th).toMatch(new RegExp(`<div class="error-summary"[^>]*>[\\s\\S]*href="#${field}">กรุณาระบุเหตุผลที่ส่งกลับ`));
    expect(th).toContain(`id="${field}-error"`);
    expect(tagWithId(th, "textarea", field)).toContain('aria-invalid="true"');
    expect(tagWithId(th, "textarea", field)).toContain(`aria-describedby="${field}-error"`);
    // Only the refused form is marked.
    expect(tagWithId(th, "textarea", `approve-reason-${ID}`)).not.toContain("aria-invalid");
    expect(th).not.toContain("A returned application needs a reason.");

    const en = await render("en", application(), failed);
    expect(en).toMatch(new RegExp(`href="#${field}">A returned application needs a reason.`));
    expect(en).not.toContain("กรุณาระบุเหตุผลที่ส่งกลับ");
  });

  it("a reason too long for a rejection names the field and keeps the text typed", async () => {
    const typed = "ก".repeat(2001);
    const error = new AppError("invalid_request", "x", { errors: [{ path: "reason", message: "too long" }] });
    const failed = { section: `review-${ID}`, error, values: { decision: "reject", reason: typed } };
    const th = await render("th", application(), failed);
    const field = `reject-reason-${ID}`;
    expect(th).toContain(`href="#${field}">เขียนเหตุผลไม่เกิน 2,000 ตัวอักษร`);
    expect(th).toContain(`${tagWithId(th, "textarea", field)}${typed}</textarea>`);
  });

  it("a refusal that is no field's (the application moved on) is listed at the top and at the form", async () => {
    const error = new AppError("invalid_transition", {
      th: "คำขอนี้ไม่รอการตรวจสอบแล้ว",
      en: "Not awaiting review any more.",
    });
    const th = await render("th", application(), { section: `review-${ID}`, error, values: { decision: "approve" } });
    expect(th).toMatch(/<div class="error-summary"[\s\S]*คำขอนี้ไม่รอการตรวจสอบแล้ว/);
    expect(th).toContain(`href="#review-${ID}"`);
    expect(th).not.toContain("aria-invalid");
  });
});

describe("the approver's confirmation form", () => {
  it("names each wrong field, in the page's language, and keeps what was typed", async () => {
    const a = application({
      awaitingApprover: true,
      approver: { name: "นาย ก", position: "ผู้อำนวยการ", email: "boss@test.go.th", nominated: true },
    });
    const error = new AppError("invalid_request", "x", {
      errors: [
        { path: "email", message: "bad" },
        { path: "name", message: "required" },
      ],
    });
    const values = { name: "", position: "ผู้อำนวยการกอง", email: "not-an-address" };
    const failed = { section: `approver-${ID}`, error, values };
    const en = await render("en", a, failed);
    const name = `approver-${ID}-name`;
    const email = `approver-${ID}-email`;
    // In the form's order: name first.
    expect(en).toMatch(
      new RegExp(
        `href="#${name}">Enter the approver&#39;s name[\\s\\S]*href="#${email}">Enter the approver&#39;s government`,
      ),
    );
    for (const id of [name, email]) {
      expect(en).toContain(`id="${id}-error"`);
      expect(tagWithId(en, "input", id)).toContain('aria-invalid="true"');
    }
    expect(tagWithId(en, "input", `approver-${ID}-position`)).not.toContain("aria-invalid");
    expect(tagWithId(en, "input", `approver-${ID}-position`)).toContain('value="ผู้อำนวยการกอง"');
    expect(tagWithId(en, "input", email)).toContain('value="not-an-address"');
    expect(en).toContain("Confirm the approver");
    expect(en).not.toContain("ยืนยันผู้อนุมัติ");

    const th = await render("th", a, {
      section: `approver-${ID}`,
      error: new AppError("approver_is_applicant", { th: "ผู้อนุมัติต้องไม่ใช่ผู้ยื่นคำขอ", en: "x" }),
      values,
    });
    expect(th).toContain(`href="#${email}">ผู้อนุมัติต้องไม่ใช่ผู้ยื่นคำขอ`);
  });

  it("without a failure: no summary, no invalid field, the nomination pre-filled", async () => {
    const a = application({
      awaitingApprover: true,
      approver: { name: "นาย ก", position: "ผู้อำนวยการ", email: "boss@test.go.th", nominated: true },
    });
    const th = await render("th", a, null);
    expect(th).not.toContain("error-summary");
    expect(th).not.toContain("aria-invalid");
    expect(tagWithId(th, "input", `approver-${ID}-name`)).toContain('value="นาย ก"');
  });
});
