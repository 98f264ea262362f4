import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { auditCsv, listAuditEvents } from "../../services/platform/audit-log";
import { describe, validate } from "../operation";
import { AuditList, AuditQuery } from "./schemas";
import { auditEventJson } from "./serializers";

export const adminAuditRoutes = new Hono<AdminEnv>();

adminAuditRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "The audit log, newest first; ?format=csv for a spreadsheet-safe CSV",
    response: AuditList,
    errors: ["invalid_request", "unauthenticated", "forbidden"],
  }),
  validate("query", AuditQuery),
  async (c) => {
    const { format, limit } = c.req.valid("query");
    const events = await listAuditEvents(c.var.deps.db, limit ?? 1000);
    if (format === "csv") {
      return c.body(auditCsv(events), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="steward-audit.csv"',
      });
    }
    return c.json({ events: events.map(auditEventJson) });
  },
);
