import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { auditCsv, exportAuditTrail, listAuditTrail, subjectLabels } from "../../../services/platform/audit-trail";
import { agencyNames } from "../../../services/agencies/agency";
import { AuditQuery } from "../../admin/schemas";
import { auditFilterOf } from "../../admin/audit";
import { auditEventJson } from "../../admin/serializers";
import { AuditPage, type AuditFilterValues } from "../../../views/platform/audit-page";
import { attempt, layoutUser, messageOf, pageUser, parseForm } from "../helpers";

export const auditPages = new Hono<AppEnv>();

const FIELDS = ["actor", "action", "subject", "agencyId", "from", "to"] as const;

/** The filters of the page's query, as typed, and as the API's schema reads them. */
function filtersOf(c: Context<AppEnv>) {
  const typed = Object.fromEntries(
    FIELDS.map((f) => [f, (c.req.query(f) ?? "").slice(0, 200)]),
  ) as unknown as AuditFilterValues;
  const given = Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== ""));
  const cursor = c.req.query("cursor");
  const parsed = parseForm(AuditQuery, { ...given, ...(cursor ? { cursor } : {}) });
  return { typed, parsed };
}

auditPages.get("/admin/audit", page("admin"), async (c) => {
  const user = pageUser(c);
  const { typed, parsed } = filtersOf(c);
  const listed = parsed.ok ? await attempt(() => listAuditTrail(c.var.deps.db, auditFilterOf(parsed.value))) : parsed;
  const agencies = await agencyNames(c.var.deps.db);
  const labels = listed.ok ? await subjectLabels(c.var.deps.db, listed.value.items) : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(
    <AuditPage
      user={layoutUser(user)}
      events={listed.ok ? listed.value.items.map((e) => auditEventJson(e, labels)) : []}
      filters={typed}
      agencies={agencies}
      cursor={listed.ok ? (c.req.query("cursor") ?? null) : null}
      nextCursor={listed.ok ? listed.value.nextCursor : null}
      error={listed.ok ? null : messageOf(listed.error)}
    />,
    listed.ok ? 200 : 400,
  );
});

auditPages.get("/admin/audit.csv", page("admin"), async (c) => {
  const { parsed } = filtersOf(c);
  if (!parsed.ok) throw parsed.error;
  const events = await exportAuditTrail(c.var.deps.db, { ...auditFilterOf(parsed.value), cursor: null });
  return c.body(auditCsv(events, await subjectLabels(c.var.deps.db, events)), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="steward-audit.csv"',
    "Cache-Control": "no-store",
  });
});
