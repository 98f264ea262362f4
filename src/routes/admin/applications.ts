import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { confirmApprover, reviewApplication, type ReviewDecision } from "../../services/applications/review";
import { listApplications } from "../../services/applications/application-list";
import { applicationJson } from "../applications/serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { ApplicationList, ApplicationResponse, ApproverBody } from "../applications/schemas";
import { IdParam, ReasonBody, RequiredReasonBody } from "../atoms";
import { ApplicationsQuery } from "./schemas";

export const adminApplicationRoutes = new Hono<AdminEnv>();

adminApplicationRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary:
      "Applications, newest first, paged; by status (`open`: still waiting; `active`: live stewards), agency, or a search",
    response: ApplicationList,
    errors: ["invalid_request", "unauthenticated", "forbidden"],
  }),
  validate("query", ApplicationsQuery),
  async (c) => {
    const page = await listApplications(c.var.deps, c.req.valid("query"));
    return c.json({
      applications: page.items.map((row) => applicationJson(row.record)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);

const REVIEW_SUMMARIES: Record<ReviewDecision, string> = {
  approve: "DGA review: approve an application the executive endorsed",
  reject: "DGA review: reject, with an optional reason",
  return: "DGA review: return to the applicant for changes, with a reason",
};

for (const decision of ["approve", "reject", "return"] as const) {
  adminApplicationRoutes.post(
    `/:id/${decision}`,
    describe({
      security: "admin",
      tags: ["Administration"],
      summary: REVIEW_SUMMARIES[decision],
      response: ApplicationResponse,
      errors: [
        ...BODY_ERRORS,
        "unauthenticated",
        "forbidden",
        "own_application",
        "not_found",
        "invalid_transition",
        "conflict",
      ],
    }),
    validate("param", IdParam),
    validate("json", decision === "return" ? RequiredReasonBody : ReasonBody),
    async (c) => {
      const user = c.var.admin;
      const reason = c.req.valid("json").reason ?? null;
      const { application, outboxIds } = await reviewApplication(
        c.var.deps,
        user,
        c.req.valid("param").id,
        { decision, reason },
        c.var.meta,
      );
      deliverAfterResponse(c, outboxIds);
      return c.json({ application: applicationJson(application) });
    },
  );
}

adminApplicationRoutes.post(
  "/:id/approver",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Confirm the approver of an agency with no executive on file; the approval e-mail goes out",
    response: ApplicationResponse,
    errors: [
      ...BODY_ERRORS,
      "unauthenticated",
      "forbidden",
      "not_found",
      "email_domain_not_allowed",
      "approver_is_applicant",
      "own_application",
      "invalid_transition",
      "conflict",
    ],
  }),
  validate("param", IdParam),
  validate("json", ApproverBody),
  async (c) => {
    const user = c.var.admin;
    const { application, outboxIds } = await confirmApprover(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.var.meta,
    );
    deliverAfterResponse(c, outboxIds);
    return c.json({ application: applicationJson(application) });
  },
);
