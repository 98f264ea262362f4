import { Hono } from "hono";
import * as v from "valibot";
import type { AdminEnv } from "../../middleware/app-env";
import { deliverPortalAfterResponse } from "../../middleware/after-commit";
import { listCkanCalls, retryCkanCalls, type CkanCall } from "../../services/portal/ckan-calls";
import {
  applyStewardView,
  checkNow,
  listOrganizations,
  type OrganizationView,
} from "../../services/portal/ckan-organizations";
import { BODY_ERRORS, describe, validate } from "../operation";
import { ReasonBody } from "../atoms";
import {
  AppliedJson,
  CheckBody,
  CheckJson,
  CkanCallJson,
  CkanCallList,
  CkanCallQuery,
  OrganizationJson,
  OrganizationParam,
  PortalJson,
  RetriedJson,
  RetryCallsBody,
} from "./portal-schemas";

// The portal's administration: CKAN calls that need an administrator, drift per organization.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function ckanCallJson(call: CkanCall): v.InferOutput<typeof CkanCallJson> {
  return {
    ...call,
    nextAttemptAt: iso(call.nextAttemptAt)!,
    createdAt: iso(call.createdAt)!,
    doneAt: iso(call.doneAt),
  };
}

export function organizationJson(o: OrganizationView): v.InferOutput<typeof OrganizationJson> {
  return {
    ...o,
    checkedAt: iso(o.checkedAt),
    drift: o.drift.map((d) => ({
      id: d.id,
      kind: d.kind,
      ckanUserId: d.ckanUserId,
      ckanUserName: d.ckanUserName,
      userId: d.userId,
      personName: d.personName,
      personEmail: d.personEmail,
      agencyId: d.agencyId,
      foundAt: iso(d.foundAt)!,
    })),
  };
}

export const adminPortalRoutes = new Hono<AdminEnv>();

adminPortalRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "CKAN provisioning: whether it is configured, each mapped organization with its last check and drift",
    response: PortalJson,
  }),
  async (c) => {
    const ckan = c.var.deps.config.ckan;
    return c.json({
      configured: ckan !== null,
      ckanUrl: ckan?.url ?? null,
      organizations: (await listOrganizations(c.var.deps)).map(organizationJson),
    });
  },
);

adminPortalRoutes.get(
  "/calls",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "CKAN calls: `attention` (failed, or retrying after a failed attempt; the default) or by status",
    response: CkanCallList,
    errors: ["invalid_request"],
  }),
  validate("query", CkanCallQuery),
  async (c) =>
    c.json({ calls: (await listCkanCalls(c.var.deps, c.req.valid("query").status ?? "attention")).map(ckanCallJson) }),
);

adminPortalRoutes.post(
  "/calls/retry",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Make failed CKAN calls again (`ids`, or every failed one): due now, attempts reset; audited",
    description: "409 `invalid_transition` when CKAN is not configured or none of them is failed (any more).",
    response: RetriedJson,
    errors: [...BODY_ERRORS, "invalid_transition"],
  }),
  validate("json", RetryCallsBody),
  async (c) => {
    const { ids, reason } = c.req.valid("json");
    const retried = await retryCkanCalls(c.var.deps, c.var.admin, ids ?? null, reason ?? null, c.var.meta);
    deliverPortalAfterResponse(c);
    return c.json({ retried });
  },
);

adminPortalRoutes.post(
  "/check",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Reconcile now: compare one mapped organization (or every one) in CKAN with steward",
    description: "404 for an organization no agency maps to; 409 `invalid_transition` when CKAN is not configured.",
    response: CheckJson,
    errors: [...BODY_ERRORS, "not_found", "invalid_transition"],
  }),
  validate("json", CheckBody),
  async (c) => c.json({ checked: await checkNow(c.var.deps, c.req.valid("json").organization ?? null) }),
);

adminPortalRoutes.post(
  "/organizations/:organization/apply",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary:
      "Apply steward's view to an organization's drift: add missing stewards as editors, remove extra editors (audited)",
    description:
      "The calls are written with the audit event and made after the response. 404 for an organization no agency maps to; 409 `invalid_transition` when there is no drift (any more) or CKAN is not configured.",
    response: AppliedJson,
    errors: [...BODY_ERRORS, "not_found", "invalid_transition"],
  }),
  validate("param", OrganizationParam),
  validate("json", ReasonBody),
  async (c) => {
    const applied = await applyStewardView(
      c.var.deps,
      c.var.admin,
      c.req.valid("param").organization,
      c.req.valid("json").reason ?? null,
      c.var.meta,
    );
    deliverPortalAfterResponse(c);
    return c.json(applied);
  },
);
