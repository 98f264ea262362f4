import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { deliverAfterResponse } from "../../middleware/after-commit";
import { requireUser } from "../../middleware/session";
import { viewApplication, resubmitApplication, withdrawApplication } from "../../services/applications/applications";
import { submitApplication } from "../../services/applications/submit";
import { applicationJson } from "./serializers";
import { BODY_ERRORS, describe, validate } from "../operation";
import { ApplicationBody, ApplicationResponse, ResubmitBody } from "./schemas";
import { IdParam } from "../atoms";

export const applicationRoutes = new Hono<AppEnv>();

applicationRoutes.post(
  "/",
  describe({
    tags: ["Applications"],
    summary: "Apply to be a data steward of an agency; its chief executive is e-mailed an approval link",
    status: 201,
    response: ApplicationResponse,
    errors: [
      ...BODY_ERRORS,
      "unauthenticated",
      "not_found",
      "terms_not_accepted",
      "email_domain_mismatch",
      "approver_is_applicant",
      "application_exists",
    ],
  }),
  validate("json", ApplicationBody),
  async (c) => {
    const { user } = requireUser(c);
    const { application, outboxIds } = await submitApplication(c.var.deps, user, c.req.valid("json"), c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json({ application: applicationJson(application) }, 201);
  },
);

applicationRoutes.get(
  "/:id",
  describe({
    tags: ["Applications"],
    summary: "An application (its applicant or an administrator)",
    response: ApplicationResponse,
    errors: ["unauthenticated", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    const { record } = await viewApplication(c.var.deps, c.req.valid("param").id, user);
    return c.json({ application: applicationJson(record) });
  },
);

applicationRoutes.post(
  "/:id/withdraw",
  describe({
    tags: ["Applications"],
    summary: "Withdraw an open application; its approval links die",
    response: ApplicationResponse,
    errors: ["unauthenticated", "not_found", "forbidden", "invalid_transition", "conflict"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    const { application, outboxIds } = await withdrawApplication(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    deliverAfterResponse(c, outboxIds);
    return c.json({ application: applicationJson(application) });
  },
);

applicationRoutes.post(
  "/:id/resubmit",
  describe({
    tags: ["Applications"],
    summary: "Resubmit a returned or expired application: a new approval link goes to the executive",
    response: ApplicationResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "not_found", "forbidden", "invalid_transition", "conflict"],
  }),
  validate("param", IdParam),
  validate("json", ResubmitBody),
  async (c) => {
    const { user } = requireUser(c);
    const { application, outboxIds } = await resubmitApplication(
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
