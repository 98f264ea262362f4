import { and, eq, sql } from "drizzle-orm";
import { emailIdentities, passkeys, users, type User } from "../../db/schema";
import { runBatch, transitionApplied } from "../../db/guarded";
import { newId } from "../../lib/ids";
import { AppError } from "../../errors";
import { auditStatement, actorOf } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { clearAllFailuresStatement } from "./code-failures";
import { rightsChangedStatement } from "../../db/statements/rights";
import { endAllSessionsStatement } from "./sessions";

import { loadUser } from "./people";

/**
 * True while another active administrator than `id` exists: evaluated inside the statement
 * that removes one, so two administrators removing each other at once cannot both succeed.
 */
const anotherActiveAdmin = (id: string) =>
  sql`EXISTS (SELECT 1 FROM users o WHERE o.is_admin = 1 AND o.status = 'active' AND o.id <> ${id})`;

const lastAdministrator = () =>
  new AppError("last_administrator", {
    th: "ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน",
    en: "At least one active administrator must remain.",
  });

/**
 * Suspends an account: its sessions end and its keys verify as DISABLED, at once.
 * Throws 404, 409 `invalid_transition`, 409 `last_administrator` (the last active administrator).
 */
export async function suspendUser(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  const user = await loadUser(deps, id);
  if (user.status !== "active")
    throw new AppError("invalid_transition", {
      th: "ระงับได้เฉพาะบัญชีที่ใช้งานอยู่",
      en: "Only an active account can be suspended.",
    });
  const now = deps.clock.now();
  // Everything after the compare-and-swap happens only if it matched (a refused suspension
  // of the last administrator must not end their sessions; a second suspension at once writes nothing).
  const transitionId = newId("tx");
  const suspended = transitionApplied("users", id, transitionId);
  const [cas] = await runBatch(deps.db, [
    deps.db
      .update(users)
      .set({ status: "suspended", updatedAt: now, transitionId })
      .where(and(eq(users.id, id), eq(users.status, "active"), user.isAdmin ? anotherActiveAdmin(id) : undefined))
      .returning({ id: users.id }),
    endAllSessionsStatement(deps.db, id, now, suspended),
    rightsChangedStatement(deps.db, id, suspended),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "user.suspended",
      subject: `user:${id}`,
      detail: { reason },
      at: now,
      meta,
      guard: suspended,
    }),
  ]);
  if ((cas as unknown[]).length === 0) {
    if ((await loadUser(deps, id)).status !== "active")
      throw new AppError("invalid_transition", {
        th: "บัญชีนี้ถูกระงับไปแล้ว",
        en: "This account was already suspended.",
      });
    if (user.isAdmin) throw lastAdministrator();
    throw new AppError("conflict");
  }
  return { ...user, status: "suspended" as const };
}

/**
 * Reactivates a suspended account; also ends the waits that wrong codes put on the user's
 * addresses (they end by themselves within an hour anyway). Throws 404, 409 `invalid_transition`
 * for an account that is not suspended (also when another administrator reactivated it first).
 */
export async function reactivateUser(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  const user = await loadUser(deps, id);
  if (user.status !== "suspended")
    throw new AppError("invalid_transition", {
      th: "เปิดใช้ได้เฉพาะบัญชีที่ถูกระงับ",
      en: "Only a suspended account can be reactivated (to end waits after wrong codes, unlock).",
    });
  const now = deps.clock.now();
  const addresses = await deps.db
    .select({ email: emailIdentities.email })
    .from(emailIdentities)
    .where(eq(emailIdentities.userId, id));
  const transitionId = newId("tx");
  const reactivated = transitionApplied("users", id, transitionId);
  const [cas] = await runBatch(deps.db, [
    deps.db
      .update(users)
      .set({ status: "active", updatedAt: now, transitionId })
      .where(and(eq(users.id, id), eq(users.status, "suspended")))
      .returning({ id: users.id }),
    clearAllFailuresStatement(
      deps,
      addresses.map((a) => a.email),
      reactivated,
    ),
    rightsChangedStatement(deps.db, id, reactivated),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "user.reactivated",
      subject: `user:${id}`,
      detail: { reason, was: user.status },
      at: now,
      meta,
      guard: reactivated,
    }),
  ]);
  if ((cas as unknown[]).length === 0)
    throw new AppError("invalid_transition", {
      th: "บัญชีนี้ถูกเปิดใช้แล้ว",
      en: "This account was already reactivated.",
    });
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

/**
 * Grants or removes the administrator role; the person's sessions carry the new rights at once.
 * Throws 404, 409 `last_administrator` when removing it would leave no active administrator.
 */
export async function setAdministrator(
  deps: Deps,
  admin: User,
  id: string,
  { grant, reason }: { grant: boolean; reason: string },
  meta: RequestMeta,
): Promise<User> {
  const user = await loadUser(deps, id);
  if (user.isAdmin === grant) return user;
  if (grant && user.status !== "active")
    throw new AppError("invalid_transition", {
      th: "ให้สิทธิ์ได้เฉพาะบัญชีที่ใช้งานอยู่",
      en: "Only an active account can be made an administrator.",
    });
  const now = deps.clock.now();
  const transitionId = newId("tx");
  const [cas] = await runBatch(deps.db, [
    deps.db
      .update(users)
      .set({ isAdmin: grant, rightsVersion: sql`${users.rightsVersion} + 1`, updatedAt: now, transitionId })
      .where(and(eq(users.id, id), eq(users.isAdmin, !grant), grant ? undefined : anotherActiveAdmin(id)))
      .returning({ id: users.id }),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: grant ? "admin.granted" : "admin.revoked",
      subject: `user:${id}`,
      detail: { reason },
      at: now,
      meta,
      guard: transitionApplied("users", id, transitionId),
    }),
  ]);
  if ((cas as unknown[]).length === 0) {
    const current = await loadUser(deps, id);
    if (current.isAdmin === grant) return current;
    throw lastAdministrator();
  }
  return loadUser(deps, id);
}

/**
 * Ends the waits that wrong codes put on the person's addresses (they end by themselves within
 * an hour); the account's status is left as it is. Audited.
 */
export async function unlockUser(deps: Deps, admin: User, id: string, reason: string, meta: RequestMeta) {
  await loadUser(deps, id);
  const now = deps.clock.now();
  const addresses = await deps.db
    .select({ email: emailIdentities.email })
    .from(emailIdentities)
    .where(eq(emailIdentities.userId, id));
  const [cleared] = await runBatch(deps.db, [
    clearAllFailuresStatement(
      deps,
      addresses.map((a) => a.email),
    ).returning(),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "user.unlocked",
      subject: `user:${id}`,
      detail: { reason },
      at: now,
      meta,
    }),
  ]);
  return { cleared: (cleared as unknown[]).length };
}
