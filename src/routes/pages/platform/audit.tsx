import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { auditCsv, exportAuditTrail, listAuditTrail, subjectLabels } from "../../../services/platform/audit-trail";
import { agencyNames } from "../../../services/agencies/agency";
import { AuditQuery } from "../../admin/schemas";
import { auditFilterOf } from "../../admin/audit";
import { auditEventJson } from "../../admin/serializers";
import { AuditPage, type AuditFilterValues } from "../../../views/platform/audit-page";
import { attempt, layoutUser, pageUser, parseForm } from "../helpers";
import { formProblem, type FormMessages } from "../form-problem";
import { html } from "../render";

export const auditPages = new Hono<AppEnv>();

const FIELDS = ["actor", "action", "subject", "agencyId", "from", "to"] as const;

/** How the filters are named when they cannot be read; a forged cursor is the page's own problem. */
const AUDIT_MESSAGES: FormMessages = {
  fields: {
    actor: {
      th: "กรอกอีเมลของผู้ดำเนินการหรือบางส่วน ไม่เกิน 200 ตัวอักษร",
      en: "Enter the actor's e-mail or part of it, up to 200 characters",
    },
    action: { th: "เลือกเหตุการณ์จากรายการ", en: "Choose an event from the list" },
    agencyId: { th: "เลือกหน่วยงานจากรายการ", en: "Choose an agency from the list" },
    subject: {
      th: "กรอกเรื่อง เช่น membership:mem_… หรือรหัสอย่างเดียว ไม่เกิน 100 ตัวอักษร",
      en: "Enter a subject such as membership:mem_… or an id alone, up to 100 characters",
    },
    from: {
      th: "กรอกวันที่เริ่มต้นเป็นวันที่ เช่น 2026-01-31 (ปี ค.ศ.)",
      en: "Enter the first day as a date, for example 2026-01-31",
    },
    to: {
      th: "กรอกวันที่สิ้นสุดเป็นวันที่ เช่น 2026-01-31 (ปี ค.ศ.)",
      en: "Enter the last day as a date, for example 2026-01-31",
    },
  },
};

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
  return html(
    c,
    <AuditPage
      user={layoutUser(user)}
      events={listed.ok ? listed.value.items.map((e) => auditEventJson(e, labels)) : []}
      filters={typed}
      agencies={agencies}
      cursor={listed.ok ? (c.req.query("cursor") ?? null) : null}
      nextCursor={listed.ok ? listed.value.nextCursor : null}
      problem={listed.ok ? null : formProblem(listed.error, AUDIT_MESSAGES)}
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
