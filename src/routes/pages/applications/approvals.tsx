import { Hono, type Context } from "hono";
import { displayName } from "../../../text/bilingual";
import type { AppEnv } from "../../../middleware/app-env";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import {
  decideFromLink,
  findApprovalLink,
  linkDecision,
  linkStatus,
  whoMayDecide,
  type ApprovalLink,
} from "../../../services/applications/executive-decision";
import { ApprovalConfirmPage } from "../../../views/applications/approval-confirm-page";
import { ApprovalClosedPage, ApprovalDonePage, ApprovalPage } from "../../../views/applications/approval-page";
import { formFields } from "../helpers";

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

async function requestPage(c: Context<AppEnv>, link: ApprovalLink, refused?: { error: string; reason: string }) {
  const { application, agency, applicant } = link.ctx!;
  return c.html(
    <ApprovalPage
      applicantName={displayName({ name: applicant.name, email: application.applicantEmail })}
      applicantEmail={application.applicantEmail}
      position={application.position}
      agencyNameTh={agency.nameTh}
      agencyNameEn={agency.nameEn}
      role={application.role}
      reason={application.reason}
      submittedAt={new Date(application.submittedAt).toISOString()}
      expiresAt={new Date(link.token!.expiresAt).toISOString()}
      approverEmail={link.token!.email}
      mayDecide={await whoMayDecide(c.var.deps, link.ctx!)}
      error={refused?.error ?? null}
      typedReason={refused?.reason}
    />,
    refused ? 400 : 200,
  );
}

approvalPages.get("/approvals/:token", async (c) => {
  const link = await findApprovalLink(c.var.deps, c.req.param("token"));
  if (link.state !== "valid" || !link.ctx || !link.token) return closedPage(c, link);
  return requestPage(c, link);
});

approvalPages.post("/approvals/:token", async (c) => {
  const form = await formFields(c);
  const outcome = await decideFromLink(c.var.deps, c.req.param("token"), form, c.var.meta);
  switch (outcome.kind) {
    case "closed":
      return closedPage(c, outcome.link);
    case "invalid":
      return requestPage(c, outcome.link, { error: outcome.error.message, reason: form.reason ?? "" });
    case "code_sent":
      deliverAfterResponse(c, outcome.outboxIds);
      return c.html(
        <ApprovalConfirmPage
          decision={outcome.decision}
          reason={outcome.reason}
          approverEmail={outcome.link.token!.email}
        />,
      );
    case "code_refused":
      return c.html(
        <ApprovalConfirmPage
          decision={outcome.decision}
          reason={outcome.reason}
          approverEmail={outcome.link.token!.email}
          error={outcome.error.message}
        />,
        outcome.error.status === 429 ? 429 : 400,
      );
    case "decided": {
      deliverAfterResponse(c, outcome.outboxIds);
      const { agency, applicant, application } = outcome.link.ctx!;
      return c.html(
        <ApprovalDonePage
          decision={outcome.decision}
          agencyNameTh={agency.nameTh}
          agencyNameEn={agency.nameEn}
          applicantName={displayName({ name: applicant.name, email: application.applicantEmail })}
          reviewNext={application.status === "awaiting_review"}
        />,
      );
    }
  }
});
