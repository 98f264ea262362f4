import { and, desc, eq, gt, sql } from "drizzle-orm";
import { apiKeys, codeFailures, emailIdentities, oidcIdentities, passkeys, users, type User } from "../../db/schema";
import { afterCursor, pageLimit, pageOf, type Paged } from "../../db/paging";
import { AppError } from "../../errors";
import { personMatches } from "./person-search";
import { failuresOf } from "./code-failures";
import type { Deps } from "../../deps";
import { keySummaries, listStewards } from "../applications/stewards";

// The people directory for administrators: search, and one person's whole standing (addresses,
// sign-in methods, roles, keys, whether wrong codes hold their addresses waiting).

export type PersonStatus = User["status"];

export interface PeopleFilter {
  /** Matches a name or any verified address. */
  q?: string | null;
  status?: PersonStatus | null;
  cursor?: string | null;
  limit?: number | null;
}

/** One page of people, newest first (CONTRACT: GET /api/v1/admin/users). */
export async function listPeople(deps: Deps, filter: PeopleFilter): Promise<Paged<User>> {
  const limit = pageLimit(filter.limit);
  const term = filter.q?.trim();
  const rows = await deps.db
    .select()
    .from(users)
    .where(
      and(
        filter.status ? eq(users.status, filter.status) : undefined,
        term ? personMatches(term) : undefined,
        afterCursor(users.createdAt, users.id, filter.cursor),
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (u) => ({ at: u.createdAt, id: u.id }));
}

/** A user by id; 404 `not_found` when there is none. */
export async function loadUser(deps: Deps, id: string): Promise<User> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw new AppError("not_found", { th: "ไม่พบผู้ใช้นี้", en: "No such user." });
  return user;
}

/**
 * Until when wrong codes hold any of these addresses waiting (ms), or null when none does
 * (see code-failures.ts: the wait of a run of failures).
 */
export async function waitingUntil(deps: Deps, emails: string[]): Promise<number | null> {
  if (emails.length === 0) return null;
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({ until: sql<number | null>`max(${codeFailures.lockedUntil})` })
    .from(codeFailures)
    .where(and(failuresOf(emails), gt(codeFailures.lockedUntil, now)));
  return row?.until ?? null;
}

/** One person's standing, for the administrators' person page. Throws 404 `not_found`. */
export async function getPerson(deps: Deps, id: string) {
  const user = await loadUser(deps, id);
  const [emails, oidc, passkeyCount, roles, keys] = await Promise.all([
    deps.db.select().from(emailIdentities).where(eq(emailIdentities.userId, id)),
    deps.db
      .select({ providerId: oidcIdentities.providerId, email: oidcIdentities.email })
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, id)),
    deps.db
      .select({ n: sql<number>`count(*)` })
      .from(passkeys)
      .where(eq(passkeys.userId, id))
      .then((r) => Number(r[0]?.n ?? 0)),
    listStewards(deps, { userId: id, status: "all", limit: 100 }),
    keySummaries(deps.db, eq(apiKeys.userId, id)),
  ]);
  const waitUntil = await waitingUntil(
    deps,
    emails.map((e) => e.email),
  );
  return { user, emails, oidc, passkeys: passkeyCount, roles: roles.items, keys, waitingUntil: waitUntil };
}
