import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agencies, applications, ckanChecks, ckanDrift, memberships, users, type User } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { actorOf, auditStatement } from "../../db/statements/audit";
import { queueCkanOperation } from "../../db/statements/portal";
import type { Deps, RequestMeta } from "../../deps";
import { AppError } from "../../errors";
import { notConfigured } from "./ckan-calls";
import { checkOrganization, mappedOrganizations, type CheckResult } from "./ckan-reconcile";

// The mapped CKAN organizations as administrators see them (last check, drift), a check on
// demand, and "apply steward's view" to an organization's drift.

export interface OrganizationView {
  organization: string;
  agencies: { id: string; nameTh: string; nameEn: string }[];
  checkedAt: number | null;
  editors: number;
  error: string | null;
  drift: (typeof ckanDrift.$inferSelect & { personName: string | null; personEmail: string | null })[];
}

/** Every mapped organization: its agencies, last check and drift. */
export async function listOrganizations(deps: Deps): Promise<OrganizationView[]> {
  const [orgs, mapped, checks, drift] = await Promise.all([
    mappedOrganizations(deps),
    deps.db
      .select({ id: agencies.id, nameTh: agencies.nameTh, nameEn: agencies.nameEn, org: agencies.ckanOrganization })
      .from(agencies)
      .where(sql`${agencies.ckanOrganization} IS NOT NULL`),
    deps.db.select().from(ckanChecks),
    deps.db
      .select({ row: ckanDrift, personName: users.name, personEmail: users.email })
      .from(ckanDrift)
      .leftJoin(users, eq(users.id, ckanDrift.userId))
      .orderBy(asc(ckanDrift.organization), asc(ckanDrift.kind)),
  ]);
  return orgs
    .map(({ organization }) => {
      const check = checks.find((c) => c.organization === organization);
      return {
        organization,
        agencies: mapped
          .filter((a) => a.org === organization)
          .map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn })),
        checkedAt: check?.checkedAt ?? null,
        editors: check?.editors ?? 0,
        error: check?.error ?? null,
        drift: drift
          .filter((d) => d.row.organization === organization)
          .map((d) => ({ ...d.row, personName: d.personName, personEmail: d.personEmail })),
      };
    })
    .sort((a, b) => a.organization.localeCompare(b.organization));
}

/** Checks one mapped organization now (or every one with `organization` null). Throws 404 for an unmapped one. */
export async function checkNow(deps: Deps, organization: string | null): Promise<CheckResult[]> {
  const ckan = deps.config.ckan;
  if (!ckan) throw notConfigured();
  const mapped = (await mappedOrganizations(deps)).map((o) => o.organization);
  if (organization !== null && !mapped.includes(organization))
    throw new AppError("not_found", { th: "ไม่มีหน่วยงานใดผูกกับองค์กรนี้", en: "No agency maps to this organization." });
  const results: CheckResult[] = [];
  for (const org of organization === null ? mapped.slice(0, 50) : [organization])
    results.push(await checkOrganization(deps, ckan, org));
  return results;
}

/** Drift rows one press of *Apply steward's view* acts on. */
export const APPLY_AT_ONCE = 80;

/**
 * Applies steward's view to `organization`: a CKAN call for each drift row (add the missing
 * stewards as editors, remove the extra editors), audited, the drift cleared — one batch; the
 * calls are then made like any other. At most APPLY_AT_ONCE rows a time (D1 binds at most 100
 * parameters a statement: the clearing and its audit name each row); the rest stays listed for the
 * next press. Throws 404 for an unmapped organization, 409 when there is no drift to apply (or
 * another administrator applied it first).
 */
export async function applyStewardView(
  deps: Deps,
  admin: User,
  organization: string,
  reason: string | null,
  meta: RequestMeta,
): Promise<{ added: number; removed: number }> {
  if (!deps.config.ckan) throw notConfigured();
  const now = deps.clock.now();
  const [agency] = await deps.db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.ckanOrganization, organization))
    .limit(1);
  if (!agency)
    throw new AppError("not_found", { th: "ไม่มีหน่วยงานใดผูกกับองค์กรนี้", en: "No agency maps to this organization." });
  const drift = await deps.db
    .select({
      row: ckanDrift,
      email: sql<string | null>`coalesce(${applications.applicantEmail}, ${users.email})`,
      membershipId: memberships.id,
    })
    .from(ckanDrift)
    .leftJoin(users, eq(users.id, ckanDrift.userId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, ckanDrift.userId),
        eq(memberships.agencyId, ckanDrift.agencyId),
        eq(memberships.status, "active"),
      ),
    )
    .leftJoin(applications, eq(applications.id, memberships.applicationId))
    .where(eq(ckanDrift.organization, organization))
    .orderBy(ckanDrift.id)
    .limit(APPLY_AT_ONCE);
  if (drift.length === 0)
    throw new AppError("invalid_transition", {
      th: "ไม่พบความต่างที่ต้องปรับ (อาจมีผู้ปรับไปแล้ว)",
      en: "No drift to apply (another administrator may have applied it).",
    });
  const ids = drift.map((d) => d.row.id);
  const present = (id: string) => sql`EXISTS (SELECT 1 FROM ckan_drift WHERE id = ${id})`;
  const statements: Statement[] = drift.map(({ row, email, membershipId }) =>
    queueCkanOperation(deps.db, {
      action: row.kind === "missing_in_ckan" ? "organization_member_create" : "organization_member_delete",
      organization,
      agencyId: row.agencyId ?? agency.id,
      userId: row.userId ?? `ckan:${row.ckanUserId}`,
      email: email ?? "",
      membershipId: membershipId ?? null,
      cause: "reconciliation",
      ckanUser: row.ckanUserName ?? undefined,
      now,
      guard: present(row.id),
    }),
  );
  const added = drift.filter((d) => d.row.kind === "missing_in_ckan").length;
  statements.push(
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "ckan.steward_view_applied",
      subject: `ckan_organization:${organization}`,
      detail: { added, removed: drift.length - added, drift: ids, reason },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM ckan_drift WHERE ${inArray(ckanDrift.id, ids)})`,
    }),
    deps.db.delete(ckanDrift).where(inArray(ckanDrift.id, ids)).returning({ id: ckanDrift.id }),
  );
  const results = await runBatch(deps.db, statements);
  if ((results.at(-1) as unknown[]).length === 0)
    throw new AppError("invalid_transition", {
      th: "มีผู้ปรับองค์กรนี้ไปแล้ว",
      en: "Another administrator applied it first.",
    });
  return { added, removed: drift.length - added };
}
