import { desc, eq } from "drizzle-orm";
import { memberships, type User } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { commitMembershipTransition, loadMembership } from "../../workflow/membership-commit";
import type { Deps, RequestMeta } from "../../deps";

/** An administrator revokes a steward; publish keys stop verifying in the same batch. */
export async function revokeMembership(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  return commitMembershipTransition(deps, id, "REVOKED", { actor: `admin:${admin.email ?? admin.id}`, meta, reason });
}

/** A steward gives up the role. */
export async function cancelMembership(deps: Deps, user: User, id: string, reason: string, meta: RequestMeta) {
  const { membership } = await loadMembership(deps, id);
  if (membership.userId !== user.id) throw new AppError("not_found", "ไม่พบบทบาทนี้ / No such membership.");
  return commitMembershipTransition(deps, id, "CANCELLED", { actor: user.email ?? user.id, meta, reason });
}

export async function listUserMemberships(db: Db, userId: string) {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(desc(memberships.createdAt));
}
