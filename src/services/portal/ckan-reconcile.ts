import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { agencies, applications, ckanChecks, ckanDrift, ckanOperations, memberships, users } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import type { Deps } from "../../deps";
import type { CkanConfig } from "../../env";
import { newId } from "../../lib/ids";
import { linkedAccounts } from "./ckan-accounts";
import { ckanAction, CkanError } from "./ckan-client";

// Reconciliation: each mapped organization's editors in CKAN against the active stewards of the
// agencies mapped to it. What differs is drift, kept per organization until the next check:
// `extra_in_ckan` (an editor with no active membership here) and `missing_in_ckan` (an active
// steward who is neither editor nor admin there). A person with a CKAN call still pending is in
// flight, not drift. Administrators apply steward's view from /admin/portal.

/** Organizations one scheduled run checks at most (the longest unchecked first). */
const RUN_MAX = 20;

export interface Steward {
  userId: string;
  membershipId: string;
  agencyId: string;
  email: string;
}

/** The active stewards of the agencies mapped to `organization`, or of one agency. */
export async function stewardsOf(deps: Deps, of: { organization: string } | { agencyId: string }): Promise<Steward[]> {
  const rows = await deps.db
    .select({
      userId: memberships.userId,
      membershipId: memberships.id,
      agencyId: memberships.agencyId,
      applicantEmail: applications.applicantEmail,
      userEmail: users.email,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(applications, eq(applications.id, memberships.applicationId))
    .where(
      and(
        "organization" in of ? eq(agencies.ckanOrganization, of.organization) : eq(agencies.id, of.agencyId),
        eq(memberships.status, "active"),
      ),
    );
  // One row per person (two agencies may map to one organization).
  const byPerson = new Map(rows.map((r) => [r.userId, r]));
  return [...byPerson.values()].map((r) => ({
    userId: r.userId,
    membershipId: r.membershipId,
    agencyId: r.agencyId,
    email: r.applicantEmail ?? r.userEmail ?? "",
  }));
}

/** Persons (or `ckan:` strangers) with a pending CKAN call for `organization`. */
async function inFlight(deps: Deps, organization: string): Promise<Set<string>> {
  const rows = await deps.db
    .selectDistinct({ userId: ckanOperations.userId })
    .from(ckanOperations)
    .where(and(eq(ckanOperations.organization, organization), eq(ckanOperations.status, "pending")));
  return new Set(rows.map((r) => r.userId));
}

async function ckanName(ckan: CkanConfig, id: string): Promise<string | null> {
  try {
    return ((await ckanAction(ckan, "user_show", { id })) as { name: string }).name;
  } catch {
    return null;
  }
}

export interface CheckResult {
  organization: string;
  editors: number;
  drift: number;
  error: string | null;
}

/**
 * Compares `organization` in CKAN with steward and replaces its drift rows and check (one
 * batch). CKAN's failures are recorded on the check (the drift found before stays). Returns
 * what was found. Throws only what D1 throws.
 */
export async function checkOrganization(deps: Deps, ckan: CkanConfig, organization: string): Promise<CheckResult> {
  const now = deps.clock.now();
  let members: [string, string, string][];
  try {
    members = (await ckanAction(ckan, "member_list", { id: organization, object_type: "user" })) as typeof members;
  } catch (error) {
    if (!(error instanceof CkanError)) throw error;
    const message = error.kind === "not_found" ? "no such organization in CKAN" : error.message.slice(0, 300);
    await deps.db
      .insert(ckanChecks)
      .values({ organization, checkedAt: now, editors: 0, error: message })
      .onConflictDoUpdate({ target: ckanChecks.organization, set: { checkedAt: now, error: message } });
    return { organization, editors: 0, drift: 0, error: message };
  }
  const editors = new Set(members.filter(([, , c]) => c.toLowerCase() === "editor").map(([id]) => id));
  const withRights = new Set(members.filter(([, , c]) => /^(editor|admin)$/i.test(c)).map(([id]) => id));
  const [stewards, linked, pending] = await Promise.all([
    stewardsOf(deps, { organization }),
    linkedAccounts(deps),
    inFlight(deps, organization),
  ]);
  const ckanIdOf = new Map([...linked].map(([ckanId, { userId }]) => [userId, ckanId]));
  const stewardIds = new Set(stewards.map((s) => s.userId));
  const drift: (typeof ckanDrift.$inferInsert)[] = [];
  for (const s of stewards) {
    const id = ckanIdOf.get(s.userId);
    if (pending.has(s.userId) || (id && withRights.has(id))) continue;
    drift.push({
      id: newId("drf"),
      organization,
      kind: "missing_in_ckan",
      ckanUserId: id ?? null,
      ckanUserName: id ? (linked.get(id)?.ckanName ?? null) : null,
      userId: s.userId,
      agencyId: s.agencyId,
      foundAt: now,
    });
  }
  for (const id of editors) {
    const person = linked.get(id);
    if (person && (stewardIds.has(person.userId) || pending.has(person.userId))) continue;
    if (pending.has(`ckan:${id}`)) continue;
    drift.push({
      id: newId("drf"),
      organization,
      kind: "extra_in_ckan",
      ckanUserId: id,
      ckanUserName: person?.ckanName ?? (await ckanName(ckan, id)),
      userId: person?.userId ?? null,
      agencyId: null,
      foundAt: now,
    });
  }
  const statements: Statement[] = [
    deps.db.delete(ckanDrift).where(eq(ckanDrift.organization, organization)),
    ...drift.map((row) => deps.db.insert(ckanDrift).values(row)),
    deps.db
      .insert(ckanChecks)
      .values({ organization, checkedAt: now, editors: editors.size, error: null })
      .onConflictDoUpdate({
        target: ckanChecks.organization,
        set: { checkedAt: now, editors: editors.size, error: null },
      }),
  ];
  await runBatch(deps.db, statements);
  return { organization, editors: editors.size, drift: drift.length, error: null };
}

/** The organizations agencies map to, each with when it was last checked (null: never). */
export async function mappedOrganizations(deps: Deps): Promise<{ organization: string; checkedAt: number | null }[]> {
  const rows = await deps.db
    .selectDistinct({ organization: agencies.ckanOrganization, checkedAt: ckanChecks.checkedAt })
    .from(agencies)
    .leftJoin(ckanChecks, eq(ckanChecks.organization, agencies.ckanOrganization))
    .where(isNotNull(agencies.ckanOrganization))
    .orderBy(asc(sql`coalesce(${ckanChecks.checkedAt}, 0)`), asc(agencies.ckanOrganization));
  return rows.map((r) => ({ organization: r.organization!, checkedAt: r.checkedAt }));
}

/**
 * The scheduled reconciliation: checks each mapped organization not checked within
 * `reconcileEveryMs` (at most 20 a run, the longest unchecked first). Nothing without CKAN.
 */
export async function reconcileDue(deps: Deps): Promise<CheckResult[]> {
  const ckan = deps.config.ckan;
  if (!ckan) return [];
  const now = deps.clock.now();
  const due = (await mappedOrganizations(deps))
    .filter((o) => o.checkedAt === null || o.checkedAt + ckan.reconcileEveryMs <= now)
    .slice(0, RUN_MAX);
  const results: CheckResult[] = [];
  for (const { organization } of due) results.push(await checkOrganization(deps, ckan, organization));
  return results;
}
