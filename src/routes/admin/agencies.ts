import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import type { AdminEnv } from "../../middleware/app-env";
import { AppError, problemBody } from "../../errors";
import { deliverAfterResponse, deliverPortalAfterResponse } from "../../middleware/after-commit";
import { importAgenciesCsv } from "../../services/agencies/csv-import";
import { MAX_IMPORT_ROWS } from "../../services/agencies/csv-rows";
import { createAgencyEntry, getAgencyRecord, updateAgencyEntry } from "../../services/agencies/directory";
import { describe, validate } from "../operation";
import {
  AgencyCreateBody,
  AgencyDetailResponse,
  AgencyImportQuery,
  AgencyImportReport,
  AgencyUpdateBody,
} from "../agencies/schemas";
import { agencyDetailJson } from "../agencies/serializers";
import { IdParam } from "../atoms";

/** The agency directory, for DGA administrators only. */
export const adminAgencyRoutes = new Hono<AdminEnv>();

const TAGS = ["Administration"];
const WRITE_ERRORS = [
  "invalid_request",
  "unauthenticated",
  "forbidden",
  "conflict",
  "email_domain_not_allowed",
] as const;

adminAgencyRoutes.post(
  "/import",
  describe({
    security: "admin",
    tags: TAGS,
    summary: "Import agencies from a CSV file",
    description:
      `A \`text/csv\` body (UTF-8, at most 64 KiB and ${MAX_IMPORT_ROWS} rows) whose header names the columns ` +
      "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired (domains separated by `;` or spaces). " +
      "Every row is reported. If a row is invalid and `skipInvalid` is not `true`, the answer is 422 with the same report and nothing is imported " +
      "(valid rows are reported as `skipped`); with `skipInvalid=true` the valid rows are imported in one atomic batch.",
    response: AgencyImportReport,
    responseDescription: "Imported; the report lists every row",
    mediaType: "text/csv",
    errors: [
      "invalid_request",
      "unauthenticated",
      "forbidden",
      "conflict",
      "payload_too_large",
      "unsupported_media_type",
    ],
  }),
  describeRoute({
    requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
    responses: {
      422: {
        description: "import_rejected: a row is invalid, nothing imported (problem details with the report's fields)",
        content: { "application/problem+json": { schema: resolver(AgencyImportReport) } },
      },
    },
  }),
  validate("query", AgencyImportQuery),
  async (c) => {
    const user = c.var.admin;
    const options = { skipInvalid: c.req.valid("query").skipInvalid === "true" };
    const { accepted, report } = await importAgenciesCsv(
      c.var.deps,
      user,
      await c.req.arrayBuffer(),
      options,
      c.var.meta,
    );
    if (accepted) return c.json(report, 200);
    // A refused import is a problem (RFC 9457) that carries the per-row report as extensions.
    const problem = problemBody(
      new AppError("import_rejected", {
        th: `${report.rows.filter((r) => r.status === "invalid").length} แถวไม่ถูกต้อง`,
        en: `row(s) invalid: see rows.`,
      }),
    );
    return c.body(JSON.stringify({ ...problem, ...report }), 422, { "Content-Type": "application/problem+json" });
  },
);

adminAgencyRoutes.post(
  "/",
  describe({
    security: "admin",
    tags: TAGS,
    summary: "Register an agency with its domains, approvers and approval policy",
    description:
      "Domains must belong to no other agency (409). Executive, delegate and fallback addresses must be on a government domain (422).",
    status: 201,
    response: AgencyDetailResponse,
    errors: ["unsupported_media_type", "payload_too_large", ...WRITE_ERRORS],
  }),
  validate("json", AgencyCreateBody),
  async (c) => {
    const user = c.var.admin;
    return c.json(
      { agency: agencyDetailJson(await createAgencyEntry(c.var.deps, user, c.req.valid("json"), c.var.meta)) },
      201,
    );
  },
);

adminAgencyRoutes.get(
  "/:id",
  describe({
    security: "admin",
    tags: TAGS,
    summary: "An agency with every field",
    response: AgencyDetailResponse,
    errors: ["invalid_request", "unauthenticated", "forbidden", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => c.json({ agency: agencyDetailJson(await getAgencyRecord(c.var.deps.db, c.req.valid("param").id)) }),
);

adminAgencyRoutes.patch(
  "/:id",
  describe({
    security: "admin",
    tags: TAGS,
    summary: "Change some of an agency's fields (domains replace the list)",
    response: AgencyDetailResponse,
    errors: ["unsupported_media_type", "payload_too_large", ...WRITE_ERRORS, "not_found"],
  }),
  validate("param", IdParam),
  validate("json", AgencyUpdateBody),
  async (c) => {
    const user = c.var.admin;
    const { agency, outboxIds } = await updateAgencyEntry(
      c.var.deps,
      user,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.var.meta,
    );
    deliverAfterResponse(c, outboxIds);
    deliverPortalAfterResponse(c);
    return c.json({ agency: agencyDetailJson(agency) });
  },
);
