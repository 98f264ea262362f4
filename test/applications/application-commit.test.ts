import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors";
import { DAY } from "../../src/lib/clock";
import {
  commitApplicationTransition,
  type ApplicationContext,
  type CommitOptions,
} from "../../src/workflow/application-commit";
import {
  APPLICATION_EVENTS,
  APPLICATION_STATUSES,
  applicationTransition,
  type ApplicationEvent,
} from "../../src/workflow/application-machine";
import {
  NOW,
  applicationIn,
  applicationRow,
  approvalTokenFor,
  membershipsOf,
  tokensOf,
  workflowDeps,
} from "../helpers/workflow-fixtures";
import { auditOf, outboxTo, snapshot } from "../helpers/db";

const deps = workflowDeps();
const options = { actor: "tester@example.go.th", meta: { ip: "192.0.2.1", userAgent: "vitest" } };
const commit = (ctx: ApplicationContext, event: ApplicationEvent, extra: Partial<CommitOptions> = {}) =>
  commitApplicationTransition(deps, ctx, event, { ...options, ...extra });

const ILLEGAL = APPLICATION_STATUSES.flatMap((status) =>
  APPLICATION_EVENTS.filter((event) => applicationTransition(status, event) === null).map((event) => ({
    status,
    event,
  })),
);

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("illegal transitions write nothing", () => {
  it("there are illegal pairs in every status", () => {
    expect(ILLEGAL.length).toBe(APPLICATION_STATUSES.length * APPLICATION_EVENTS.length - 18);
    for (const status of APPLICATION_STATUSES) expect(ILLEGAL.some((p) => p.status === status)).toBe(true);
  });

  it.each(ILLEGAL)(
    "$status + $event throws invalid_transition and leaves every table as it was",
    async ({ status, event }) => {
      const ctx = await applicationIn(status);
      await approvalTokenFor(ctx.application);
      const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
      await expectAppError(commit(ctx, event), "invalid_transition");
      expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
        before,
      );
    },
  );

  it("confirming an approver without any approver address is refused and writes nothing", async () => {
    const ctx = await applicationIn("awaiting_approver", { approverEmail: null });
    const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
    await expectAppError(commit(ctx, "APPROVER_CONFIRMED"), "invalid_transition");
    expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
      before,
    );
  });
});

describe("legal transitions commit their effects in one step", () => {
  it("executive approval: approved, version+1, links closed, one membership, applicant told, audited once", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const tokenId = await approvalTokenFor(ctx.application);
    const committed = await commit(ctx, "EXECUTIVE_APPROVED", {
      patch: { executiveDecidedBy: ctx.agency.executiveEmail, executiveDecidedAt: NOW },
    });

    const row = await applicationRow(ctx.application.id);
    expect(row).toMatchObject({
      status: "approved",
      version: 1,
      updatedAt: NOW,
      executiveDecidedBy: ctx.agency.executiveEmail,
    });
    expect(row.transitionId).toMatch(/^tx_/);
    expect(committed.application).toEqual(row);

    const audit = await auditOf(`application:${ctx.application.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: options.actor,
      action: "application.executive_approved",
      at: NOW,
      ip: "192.0.2.1",
    });
    expect(audit[0]!.detail).toMatchObject({
      from: "awaiting_executive",
      to: "approved",
      membershipId: committed.membershipId,
    });

    const granted = await membershipsOf(ctx.application.id);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      id: committed.membershipId,
      userId: ctx.applicant.id,
      agencyId: ctx.agency.id,
      status: "active",
      role: "steward",
    });
    expect(await auditOf(`membership:${committed.membershipId}`)).toMatchObject([
      { action: "membership.granted", actor: "system" },
    ]);

    const mail = await outboxTo(ctx.application.applicantEmail);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: "application_approved", status: "pending", next_attempt_at: NOW });
    expect(committed.outboxIds).toEqual([mail[0]!.id]);
    expect(await outboxTo(ctx.agency.executiveEmail!)).toHaveLength(0);

    expect(await tokensOf(ctx.application.id)).toMatchObject([{ id: tokenId, revokedAt: NOW, usedAt: null }]);
  });

  it("executive endorsement: awaiting_review, no membership, applicant told it is in review", async () => {
    const ctx = await applicationIn("awaiting_executive", { reviewRequired: true, version: 4 });
    await approvalTokenFor(ctx.application);
    const committed = await commit(ctx, "EXECUTIVE_ENDORSED");
    expect(await applicationRow(ctx.application.id)).toMatchObject({ status: "awaiting_review", version: 5 });
    expect(committed.membershipId).toBeNull();
    expect(await membershipsOf(ctx.application.id)).toHaveLength(0);
    expect(await auditOf(`application:${ctx.application.id}`)).toMatchObject([
      { action: "application.executive_endorsed" },
    ]);
    expect(await outboxTo(ctx.application.applicantEmail)).toMatchObject([{ template: "application_in_review" }]);
    expect((await tokensOf(ctx.application.id)).every((t) => t.revokedAt === NOW)).toBe(true);
  });

  it("resubmission: older link closed, a new link sent to the approver with a fresh deadline", async () => {
    const ctx = await applicationIn("returned", { version: 2 });
    const oldToken = await approvalTokenFor(ctx.application);
    const committed = await commit(ctx, "RESUBMITTED");
    const row = await applicationRow(ctx.application.id);
    expect(row).toMatchObject({ status: "awaiting_executive", version: 3, deadlineAt: NOW + 14 * DAY });

    const tokens = await tokensOf(ctx.application.id);
    expect(tokens).toHaveLength(2);
    expect(tokens.find((t) => t.id === oldToken)).toMatchObject({ revokedAt: NOW });
    expect(tokens.find((t) => t.id !== oldToken)).toMatchObject({
      purpose: "approval",
      email: ctx.agency.executiveEmail,
      revokedAt: null,
      usedAt: null,
      expiresAt: NOW + 14 * DAY,
    });

    const request = await outboxTo(ctx.agency.executiveEmail!);
    expect(request).toMatchObject([{ template: "approval_request" }]);
    expect(request[0]!.text).toContain(`${deps.config.appOrigin}/approvals/`);
    expect(committed.outboxIds).toEqual([request[0]!.id]);
    expect(await outboxTo(ctx.application.applicantEmail)).toHaveLength(0);
    expect(await auditOf(`application:${ctx.application.id}`)).toHaveLength(1);
  });

  it("approver confirmed: the link goes to the confirmed approver from the patch", async () => {
    const ctx = await applicationIn("awaiting_approver", { approverEmail: null });
    const approver = `chief.${ctx.agency.id}@example.go.th`;
    await commit(ctx, "APPROVER_CONFIRMED", { patch: { approverEmail: approver, approverName: "ปลัด" } });
    expect(await applicationRow(ctx.application.id)).toMatchObject({
      status: "awaiting_executive",
      version: 1,
      approverEmail: approver,
    });
    expect(await tokensOf(ctx.application.id)).toMatchObject([{ email: approver, revokedAt: null }]);
    expect(await outboxTo(approver)).toMatchObject([{ template: "approval_request" }]);
  });

  it("admin return: returned, applicant told, no link touched", async () => {
    const ctx = await applicationIn("awaiting_review", { version: 7 });
    await commit(ctx, "ADMIN_RETURNED", { reason: "ขาดเอกสาร / missing documents" });
    expect(await applicationRow(ctx.application.id)).toMatchObject({ status: "returned", version: 8 });
    const [audit] = await auditOf(`application:${ctx.application.id}`);
    expect(audit!.detail).toEqual({ from: "awaiting_review", to: "returned", reason: "ขาดเอกสาร / missing documents" });
    const mail = await outboxTo(ctx.application.applicantEmail);
    expect(mail).toMatchObject([{ template: "application_returned" }]);
    expect(mail[0]!.text).toContain("missing documents");
  });

  it("withdrawal while awaiting the executive: link closed, nobody e-mailed, audited once", async () => {
    const ctx = await applicationIn("awaiting_executive");
    await approvalTokenFor(ctx.application);
    const committed = await commit(ctx, "WITHDRAWN");
    expect(committed.outboxIds).toEqual([]);
    expect(await applicationRow(ctx.application.id)).toMatchObject({ status: "withdrawn", version: 1 });
    expect(await tokensOf(ctx.application.id)).toMatchObject([{ revokedAt: NOW }]);
    expect(await outboxTo(ctx.application.applicantEmail)).toHaveLength(0);
    expect(await outboxTo(ctx.agency.executiveEmail!)).toHaveLength(0);
    expect(await auditOf(`application:${ctx.application.id}`)).toMatchObject([{ action: "application.withdrawn" }]);
  });
});

describe("compare-and-swap", () => {
  it("a stale version throws conflict and writes nothing", async () => {
    const ctx = await applicationIn("awaiting_executive", { version: 2 });
    await approvalTokenFor(ctx.application);
    const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
    await expectAppError(
      commit({ ...ctx, application: { ...ctx.application, version: 1 } }, "EXECUTIVE_APPROVED"),
      "conflict",
    );
    expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
      before,
    );
  });

  it("a stale status (changed meanwhile) throws conflict and writes nothing", async () => {
    const ctx = await applicationIn("withdrawn");
    await approvalTokenFor(ctx.application);
    const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
    await expectAppError(
      commit({ ...ctx, application: { ...ctx.application, status: "awaiting_executive" } }, "EXECUTIVE_APPROVED"),
      "conflict",
    );
    expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
      before,
    );
  });

  it("two concurrent commits of the same transition: exactly one wins, one audit event, one membership", async () => {
    const ctx = await applicationIn("awaiting_executive");
    await approvalTokenFor(ctx.application);
    const results = await Promise.allSettled([commit(ctx, "EXECUTIVE_APPROVED"), commit(ctx, "EXECUTIVE_APPROVED")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "conflict" });

    expect(await applicationRow(ctx.application.id)).toMatchObject({ status: "approved", version: 1 });
    expect(await auditOf(`application:${ctx.application.id}`)).toHaveLength(1);
    const granted = await membershipsOf(ctx.application.id);
    expect(granted).toHaveLength(1);
    expect(await auditOf(`membership:${granted[0]!.id}`)).toHaveLength(1);
    expect(await outboxTo(ctx.application.applicantEmail)).toHaveLength(1);
  });

  it("two concurrent different decisions: one wins, the loser leaves no trace", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const results = await Promise.allSettled([commit(ctx, "EXECUTIVE_REJECTED"), commit(ctx, "WITHDRAWN")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const row = await applicationRow(ctx.application.id);
    expect(row.version).toBe(1);
    const audit = await auditOf(`application:${ctx.application.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.to).toBe(row.status);
    expect(await outboxTo(ctx.application.applicantEmail)).toHaveLength(row.status === "rejected" ? 1 : 0);
  });
});
