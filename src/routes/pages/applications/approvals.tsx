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
import { AppError } from "../../../errors";
import type { FormProblem } from "../../../views/platform/form-problem";
import { formFields } from "../helpers";
import { formProblem, type FormMessages } from "../form-problem";
import { html } from "../render";

/** The executive's page, from the e-mailed link. GET and HEAD change nothing; POST decides. */
export const approvalPages = new Hono<AppEnv>();

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

function closedPage(c: Context<AppEnv>, link: ApprovalLink) {
  const state = link.state === "valid" ? "decided" : link.state;
  const app = link.ctx?.application;
  return html(
    c,
    <ApprovalClosedPage
      state={state}
      decidedBy={link.token?.usedBy ?? app?.executiveDecidedBy ?? app?.decidedBy ?? null}
      decidedAt={iso(link.token?.usedAt ?? app?.executiveDecidedAt ?? app?.decidedAt)}
      decision={linkDecision(link.token)}
    />,
    linkStatus(state),
  );
}

/** How the decision form names its fields when they are wrong (see FormMessages). */
const DECISION_MESSAGES: FormMessages = {
  fields: {
    decision: { th: "เลือกอนุมัติหรือไม่อนุมัติ", en: "Choose approve or reject" },
    reason: {
      th: "เขียนความเห็นไม่เกิน 2,000 ตัวอักษร หรือเว้นว่างไว้",
      en: "Keep your comment to 2,000 characters or fewer, or leave it empty",
    },
  },
};

/** How the stronger-approval form names its code when it is wrong; a wrong code's own text says how many tries are left. */
const CODE_MESSAGES: FormMessages = {
  fields: { code: { th: "กรอกรหัส 6 หลักจากอีเมล", en: "Enter the 6-digit code from the e-mail" } },
  codes: { invalid_code: "code", too_many_attempts: "code" },
};

function codeProblem(error: AppError): FormProblem {
  // A code that is not six digits is refused without field errors: it is the code field's.
  const shaped =
    error.code === "invalid_request" && !error.errors?.length
      ? new AppError("invalid_request", error.text, { errors: [{ path: "code", message: error.message }] })
      : error;
  return formProblem(shaped, CODE_MESSAGES);
}

async function requestPage(c: Context<AppEnv>, link: ApprovalLink, refused?: { problem: FormProblem; reason: string }) {
  const { application, agency, applicant } = link.ctx!;
  return html(
    c,
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
      problem={refused?.problem ?? null}
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
      return requestPage(c, outcome.link, {
        problem: formProblem(outcome.error, DECISION_MESSAGES),
        reason: form.reason ?? "",
      });
    case "code_sent":
      deliverAfterResponse(c, outcome.outboxIds);
      return html(
        c,
        <ApprovalConfirmPage
          decision={outcome.decision}
          reason={outcome.reason}
          approverEmail={outcome.link.token!.email}
        />,
      );
    case "code_refused":
      return html(
        c,
        <ApprovalConfirmPage
          decision={outcome.decision}
          reason={outcome.reason}
          approverEmail={outcome.link.token!.email}
          problem={codeProblem(outcome.error)}
        />,
        outcome.error.status === 429 ? 429 : 400,
      );
    case "decided": {
      deliverAfterResponse(c, outcome.outboxIds);
      const { agency, applicant, application } = outcome.link.ctx!;
      return html(
        c,
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
