import { and, desc, eq, inArray } from "drizzle-orm";
import { agencies, handovers, memberships, type User } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { commitMembershipTransition, loadMembership } from "../../workflow/membership-commit";
import type { Deps, RequestMeta } from "../../deps";

/** A steward gives up the role. */
export async function cancelMembership(deps: Deps, user: User, id: string, reason: string, meta: RequestMeta) {
  const { membership } = await loadMembership(deps, id);
  if (membership.userId !== user.id) throw new AppError("not_found", { th: "ไม่พบบทบาทนี้", en: "No such membership." });
  return commitMembershipTransition(deps, id, "CANCELLED", { actor: user.email ?? user.id, meta, reason });
}

/** The user's steward roles, newest first, each with its agency's names and any pending handover. */
export async function listRoles(db: Db, userId: string) {
  const rows = await db
    .select({ membership: memberships, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(memberships.createdAt));
  const ids = rows.map((r) => r.membership.id);
  const pending = ids.length
    ? await db
        .select()
        .from(handovers)
        .where(and(inArray(handovers.membershipId, ids.slice(0, 90)), eq(handovers.status, "pending")))
    : [];
  return rows.map((r) => ({ ...r, pendingHandover: pending.find((h) => h.membershipId === r.membership.id) ?? null }));
}

/** The user's memberships, newest first. */
export async function listUserMemberships(db: Db, userId: string) {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(desc(memberships.createdAt));
}
