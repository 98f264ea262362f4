import { and, eq } from "drizzle-orm";
import { emailIdentities, passkeys, users, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { clearAllFailuresStatement } from "./code-failures";
import { rightsChangedStatement } from "../../db/statements/rights";
import { endAllSessionsStatement } from "./sessions";

async function loadUser(deps: Deps, id: string): Promise<User> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw new AppError("not_found", "ไม่พบผู้ใช้นี้ / No such user.");
  return user;
}

const actorOf = (admin: User) => `admin:${admin.email ?? admin.id}`;

/** Suspends an account: its sessions end and its keys verify as DISABLED, at once. */
export async function suspendUser(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  const user = await loadUser(deps, id);
  if (user.status !== "active")
    throw new AppError("invalid_transition", "ระงับได้เฉพาะบัญชีที่ใช้งานอยู่ / Only an active account can be suspended.");
  const now = deps.clock.now();
  const [cas] = await runBatch(deps.db, [
    deps.db
      .update(users)
      .set({ status: "suspended", updatedAt: now })
      .where(and(eq(users.id, id), eq(users.status, "active")))
      .returning({ id: users.id }),
    endAllSessionsStatement(deps.db, id, now),
    rightsChangedStatement(deps.db, id),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "user.suspended",
      subject: `user:${id}`,
      detail: { reason },
      at: now,
      meta,
    }),
  ]);
  if ((cas as unknown[]).length === 0) throw new AppError("conflict");
  return { ...user, status: "suspended" as const };
}

/**
 * Reactivates a suspended account; also ends the waits that wrong codes put on the user's
 * addresses (they end by themselves within an hour anyway).
 */
export async function reactivateUser(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  const user = await loadUser(deps, id);
  if (user.status === "deleted")
    throw new AppError("invalid_transition", "บัญชีที่ลบแล้วเปิดใช้ใหม่ไม่ได้ / A deleted account cannot be reactivated.");
  const now = deps.clock.now();
  const addresses = await deps.db
    .select({ email: emailIdentities.email })
    .from(emailIdentities)
    .where(eq(emailIdentities.userId, id));
  await runBatch(deps.db, [
    deps.db.update(users).set({ status: "active", updatedAt: now }).where(eq(users.id, id)),
    clearAllFailuresStatement(
      deps,
      addresses.map((a) => a.email),
    ),
    rightsChangedStatement(deps.db, id),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "user.reactivated",
      subject: `user:${id}`,
      detail: { reason, was: user.status },
      at: now,
      meta,
    }),
  ]);
  return { ...user, status: "active" as const };
}

/** Recovery help: removes every passkey of a user (they sign in by e-mail and register anew). */
export async function removeUserPasskeys(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  await loadUser(deps, id);
  const now = deps.clock.now();
  const [removed] = await runBatch(deps.db, [
    deps.db.delete(passkeys).where(eq(passkeys.userId, id)).returning({ id: passkeys.id }),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "passkeys.removed_by_admin",
      subject: `user:${id}`,
      detail: { reason },
      at: now,
      meta,
    }),
  ]);
  return { removed: (removed ?? []).length };
}
