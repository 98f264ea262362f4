import { actorOf } from "../../db/statements/audit";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { agencies, apiKeys, applications, handovers, memberships, users, type User } from "../../db/schema";
import { afterCursor, contains, pageLimit, pageOf, type Paged } from "../../db/paging";
import type { Db } from "../../env";
import type { MembershipStatus } from "../../lib/vocabulary";
import { AppError } from "../../errors";
import { commitMembershipTransition } from "../../workflow/membership-commit";
import { personMatches } from "../identity/person-search";
import { OPEN_STATUSES } from "./application-list";
import type { Deps, RequestMeta } from "../../deps";

// The stewards directory: every steward role with its person, agency and live keys, searchable by
// name (Thai or English), e-mail or agency, and the administrators' actions on one role.

export interface StewardFilter {
  /** Matches the person's name or e-mail, or the agency's Thai or English name. */
  q?: string | null;
  agencyId?: string | null;
  userId?: string | null;
  /** A membership status, or "all"; CONTRACT: `active` when none is given. */
  status?: MembershipStatus | "all" | null;
  cursor?: string | null;
  limit?: number | null;
}

export interface StewardRow {
  membershipId: string;
  status: MembershipStatus;
  /** When the role was granted, and when its status last changed and why (ms). */
  since: number;
  statusChangedAt: number | null;
  statusReason: string | null;
  applicationId: string | null;
  agency: { id: string; nameTh: string; nameEn: string };
  user: { id: string; email: string | null; name: string; status: string };
  /** Keys of this role that still verify (publish keys are tied to the role). */
  activeKeys: number;
}

/** Live keys of a membership, as SQL (not revoked, not expired, not past a grace). */
function activeKeysOf(now: number): SQL<number> {
  return sql<number>`(SELECT count(*) FROM api_keys k WHERE k.membership_id = ${memberships.id}
    AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ${now})
    AND (k.grace_until IS NULL OR k.grace_until > ${now}))`;
}

const stewardColumns = (now: number) => ({
  membershipId: memberships.id,
  status: memberships.status,
  since: memberships.createdAt,
  statusChangedAt: memberships.statusChangedAt,
  statusReason: memberships.statusReason,
  applicationId: memberships.applicationId,
  agencyId: agencies.id,
  agencyNameTh: agencies.nameTh,
  agencyNameEn: agencies.nameEn,
  userId: users.id,
  userEmail: users.email,
  userName: users.name,
  userStatus: users.status,
  activeKeys: activeKeysOf(now),
});

type StewardSelect = { [K in keyof ReturnType<typeof stewardColumns>]: unknown };

function toRow(r: StewardSelect): StewardRow {
  return {
    membershipId: r.membershipId as string,
    status: r.status as MembershipStatus,
    since: r.since as number,
    statusChangedAt: r.statusChangedAt as number | null,
    statusReason: r.statusReason as string | null,
    applicationId: r.applicationId as string | null,
    agency: { id: r.agencyId as string, nameTh: r.agencyNameTh as string, nameEn: r.agencyNameEn as string },
    user: {
      id: r.userId as string,
      email: r.userEmail as string | null,
      name: r.userName as string,
      status: r.userStatus as string,
    },
    activeKeys: Number(r.activeKeys),
  };
}

/** One page of steward roles, newest first (CONTRACT: GET /api/v1/admin/stewards). */
export async function listStewards(deps: Deps, filter: StewardFilter): Promise<Paged<StewardRow>> {
  const limit = pageLimit(filter.limit);
  const status = filter.status ?? "active";
  const term = filter.q?.trim();
  const rows = await deps.db
    .select(stewardColumns(deps.clock.now()))
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(
      and(
        status === "all" ? undefined : eq(memberships.status, status),
        filter.agencyId ? eq(memberships.agencyId, filter.agencyId) : undefined,
        filter.userId ? eq(memberships.userId, filter.userId) : undefined,
        term ? or(personMatches(term), contains(agencies.nameTh, term), contains(agencies.nameEn, term)) : undefined,
        afterCursor(memberships.createdAt, memberships.id, filter.cursor),
      ),
    )
    .orderBy(desc(memberships.createdAt), desc(memberships.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ at: r.since, id: r.membershipId }));
  return { items: page.items.map(toRow), nextCursor: page.nextCursor };
}

/** A key as the administrators see it: never its hash or secret. */
export interface KeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  graceUntil: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

const keySummary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  graceUntil: apiKeys.graceUntil,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

/** Keys by a condition, newest first, without secrets. */
export async function keySummaries(db: Db, where: SQL | undefined): Promise<KeySummary[]> {
  const rows = await db.select(keySummary).from(apiKeys).where(where).orderBy(desc(apiKeys.createdAt)).limit(200);
  return rows.map((k) => ({ ...k, scopes: JSON.parse(k.scopes) as string[] }));
}

/** One steward role with its keys and pending handover; 404 when there is none. */
export async function getSteward(deps: Deps, membershipId: string) {
  const [row] = await deps.db
    .select(stewardColumns(deps.clock.now()))
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.id, membershipId))
    .limit(1);
  if (!row) throw new AppError("not_found", { th: "ไม่พบผู้ดูแลข้อมูลนี้", en: "No such steward." });
  const [keys, pending] = await Promise.all([
    keySummaries(deps.db, eq(apiKeys.membershipId, membershipId)),
    deps.db
      .select({ successorEmail: handovers.successorEmail, createdAt: handovers.createdAt })
      .from(handovers)
      .where(and(eq(handovers.membershipId, membershipId), eq(handovers.status, "pending")))
      .limit(1),
  ]);
  return { steward: toRow(row), keys, pendingHandover: pending[0] ?? null };
}

export type StewardAction = "suspend" | "reinstate" | "revoke";

const EVENTS = { suspend: "SUSPENDED", reinstate: "RESUMED", revoke: "REVOKED" } as const;

/**
 * An administrator suspends, reinstates or revokes a steward role: one membership transition
 * (keys stop or verify again in the same batch, the steward is e-mailed, audited).
 * Throws 404 `not_found`, 409 `invalid_transition` or `conflict`.
 */
export async function changeSteward(
  deps: Deps,
  admin: User,
  membershipId: string,
  { action, reason }: { action: StewardAction; reason: string },
  meta: RequestMeta,
) {
  return commitMembershipTransition(deps, membershipId, EVENTS[action], {
    actor: actorOf(admin),
    meta,
    reason,
  });
}

/** The live stewards of an agency and its open applications, for the agency's page. */
export async function agencyPeople(deps: Deps, agencyId: string) {
  const [stewards, open] = await Promise.all([
    listStewards(deps, { agencyId, status: "all", limit: 100 }),
    deps.db
      .select({
        id: applications.id,
        status: applications.status,
        createdAt: applications.createdAt,
        applicantEmail: applications.applicantEmail,
        applicantName: users.name,
      })
      .from(applications)
      .innerJoin(users, eq(users.id, applications.userId))
      .where(and(eq(applications.agencyId, agencyId), inArray(applications.status, [...OPEN_STATUSES])))
      .orderBy(desc(applications.createdAt))
      .limit(100),
  ]);
  return { stewards: stewards.items, openApplications: open };
}
