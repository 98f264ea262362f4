import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env";
import { deliverAfterResponse } from "../../lib/after-commit";
import { decideApproval, findApprovalLink, linkDecision, linkStatus, whoMayDecide, type ApprovalLink, type Decision } from "../../services/approvals";
import { confirmDecisionCode, requestDecisionCode } from "../../services/approval-confirmation";
import { ApprovalConfirmPage } from "../../views/approval-confirm-page";
import { ApprovalClosedPage, ApprovalDonePage, ApprovalPage } from "../../views/approval-page";
import { AppError } from "../../errors";
import { errorPage } from "../../views/error-page";
import { formFields } from "./helpers";

/** The executive's page, from the e-mailed link. GET and HEAD change nothing; POST decides. */
export const approvalPages = new Hono<AppEnv>();

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

function closedPage(c: Context<AppEnv>, link: ApprovalLink) {
  const state = link.state === "valid" ? "decided" : link.state;
  const app = link.ctx?.application;
  return c.html(
    <ApprovalClosedPage
      state={state}
      decidedBy={link.token?.usedBy ?? app?.executiveDecidedBy ?? app?.decidedBy ?? null}
      decidedAt={iso(link.token?.usedAt ?? app?.executiveDecidedAt ?? app?.decidedAt)}
      decision={linkDecision(link.token)}
    />,
    linkStatus(state),
  );
}

approvalPages.get("/approvals/:token", async (c) => {
  const link = await findApprovalLink(c.var.deps, c.req.param("token"));
  if (link.state !== "valid" || !link.ctx || !link.token) return closedPage(c, link);
  const { application, agency, applicant } = link.ctx;
  return c.html(
    <ApprovalPage
      applicantName={applicant.name || application.applicantEmail}
      applicantEmail={application.applicantEmail}
      position={application.position}
      agencyNameTh={agency.nameTh}
      agencyNameEn={agency.nameEn}
      role={application.role}
      reason={application.reason}
      submittedAt={new Date(application.submittedAt).toISOString()}
      expiresAt={new Date(link.token.expiresAt).toISOString()}
      approverEmail={link.token.email}
      mayDecide={await whoMayDecide(c.var.deps, application.id)}
    />,
  );
});

approvalPages.post("/approvals/:token", async (c) => {
  const form = await formFields(c);
  const decision = form.decision;
  if (decision !== "approve" && decision !== "reject") {
    const link = await findApprovalLink(c.var.deps, c.req.param("token"));
    if (link.state !== "valid") return closedPage(c, link);
    return c.html(errorPage(new AppError("invalid_request", "กรุณาเลือกอนุมัติหรือไม่อนุมัติ / Choose approve or reject.")), 400);
  }
  let reason = form.reason?.trim().slice(0, 2000) || null;
  let final: Decision = decision;
  const pending = await findApprovalLink(c.var.deps, c.req.param("token"));
  if (pending.state !== "valid" || !pending.ctx || !pending.token) return closedPage(c, pending);
  if (pending.ctx.agency.strongerApproval) {
    // The decision counts only with the code e-mailed to the link's address.
    if (!form.code) {
      const { outboxIds } = await requestDecisionCode(c.var.deps, pending.token, pending.ctx.applicant.name || pending.ctx.application.applicantEmail, pending.ctx.agency, decision, reason);
      deliverAfterResponse(c, outboxIds);
      return c.html(<ApprovalConfirmPage decision={decision} reason={reason} approverEmail={pending.token.email} />);
    }
    const confirmed = await confirmDecisionCode(c.var.deps, pending.token, form.code.trim());
    if (!confirmed.ok) {
      const error = confirmed.error === "too_many_attempts" ? "ใส่รหัสผิดหลายครั้งเกินไป กรุณากดตัดสินใจใหม่เพื่อรับรหัสใหม่ / Too many wrong codes: decide again to get a new code." : "รหัสไม่ถูกต้องหรือหมดอายุ / Wrong or expired code.";
      return c.html(<ApprovalConfirmPage decision={decision} reason={reason} approverEmail={pending.token.email} error={error} />, confirmed.error === "too_many_attempts" ? 429 : 400);
    }
    final = confirmed.decision;
    reason = confirmed.reason;
  }
  const result = await decideApproval(c.var.deps, c.req.param("token"), final, reason, c.var.meta);
  if (!result.decided || !result.link.ctx) return closedPage(c, result.link);
  deliverAfterResponse(c, result.outboxIds);
  const { agency, applicant, application } = result.link.ctx;
  return c.html(
    <ApprovalDonePage
      decision={final}
      agencyNameTh={agency.nameTh}
      agencyNameEn={agency.nameEn}
      applicantName={applicant.name || application.applicantEmail}
      reviewNext={application.status === "awaiting_review"}
    />,
  );
});
