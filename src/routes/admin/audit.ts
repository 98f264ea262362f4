import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import {
  auditCsv,
  exportAuditTrail,
  listAuditTrail,
  subjectLabels,
  type AuditFilter,
} from "../../services/platform/audit-trail";
import { bangkokDay } from "../../text/dates";
import { describe, validate } from "../operation";
import { AuditList, AuditQuery } from "./schemas";
import { auditEventJson } from "./serializers";
import type * as v from "valibot";

export const adminAuditRoutes = new Hono<AdminEnv>();

/** A query's bound in ms: a bare day is a Bangkok calendar day (its start for `from`, its end for `to`). */
function bound(value: string | undefined, edge: "start" | "end"): number | null {
  if (!value) return null;
  const day = bangkokDay(value);
  return day ? day[edge] : Date.parse(value);
}

/** The filters of an audit query (shared by the JSON list, the CSV export and the page). */
export function auditFilterOf(query: v.InferOutput<typeof AuditQuery>): AuditFilter {
  return {
    actor: query.actor,
    action: query.action,
    subject: query.subject,
    agencyId: query.agencyId,
    from: bound(query.from, "start"),
    to: bound(query.to, "end"),
    cursor: query.cursor,
    limit: query.limit,
  };
}

adminAuditRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "The audit trail, newest first, filtered and paged; ?format=csv for a spreadsheet (UTF-8 with BOM)",
    description:
      "Filters: `actor` (part of it), `action` (an action or its family, e.g. `membership`), `subject` (`membership:mem_…` or a bare id), `agencyId` (events about the agency, its applications, roles and keys), `from` / `to` (ISO 8601; a bare date is a Bangkok day). The CSV applies the same filters to every matching event (up to 20,000), Bangkok time first, Thai headers, formula cells neutralised.",
    response: AuditList,
    errors: ["invalid_request", "unauthenticated", "forbidden"],
  }),
  validate("query", AuditQuery),
  async (c) => {
    const query = c.req.valid("query");
    const filter = auditFilterOf(query);
    if (query.format === "csv") {
      const events = await exportAuditTrail(c.var.deps.db, { ...filter, cursor: null });
      return c.body(auditCsv(events, await subjectLabels(c.var.deps.db, events)), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="steward-audit.csv"',
        "Cache-Control": "no-store",
      });
    }
    const page = await listAuditTrail(c.var.deps.db, filter);
    const labels = await subjectLabels(c.var.deps.db, page.items);
    return c.json({
      events: page.items.map((e) => auditEventJson(e, labels)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);
