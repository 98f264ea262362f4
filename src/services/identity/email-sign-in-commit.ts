import { and, eq, sql } from "drizzle-orm";
import { auditEvents, emailIdentities, users, type OneTimeToken, type User } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { auditStatement } from "../../db/statements/audit";
import { consumeCodeStatement, revokeCodesStatement } from "./one-time-codes";
import { clearFailuresStatement } from "./code-failures";
import type { Deps, RequestMeta } from "../../deps";
import { assertCanSignIn, openSessionStatements } from "./sign-in-session";

// Completing an e-mail sign-in: the account found or created, the session opened, in one batch.

/** How the code or link is used: the browser's binding, and a name typed with the code. */
export interface SignInProof {
  /** The cookie set when the sign-in started in this browser, if any. */
  binding: string | null;
  /** A name given with the code itself (the request that proves the address). */
  name?: string | null;
}

/**
 * The name a new account gets: one typed with the code, or else the one typed at the start
 * when this is the browser that started; never a name someone else typed for the address.
 */
async function nameFor(token: OneTimeToken, proof: SignInProof): Promise<string> {
  if (proof.name?.trim()) return proof.name.trim();
  const held = JSON.parse(token.data ?? "{}") as { name?: string | null; bindingHash?: string };
  const sameBrowser =
    proof.binding !== null &&
    held.bindingHash !== undefined &&
    timingSafeEqual(held.bindingHash, await sha256Hex(proof.binding));
  return sameBrowser ? (held.name ?? "") : "";
}

export interface SignedIn {
  user: User;
  sessionToken: string;
  outboxIds: string[];
}

async function accountOf(deps: Deps, email: string): Promise<User | null> {
  const [row] = await deps.db
    .select({ user: users })
    .from(emailIdentities)
    .innerJoin(users, eq(users.id, emailIdentities.userId))
    .where(eq(emailIdentities.email, email))
    .limit(1);
  return row?.user ?? null;
}

/** Whether an administrator ever removed this user's administrator role (audit `admin.revoked`). */
async function wasDemoted(deps: Deps, userId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.subject, `user:${userId}`), eq(auditEvents.action, "admin.revoked")))
    .limit(1);
  return row !== undefined;
}

/**
 * One batch: consume the token (conditionally), create the user on first sign-in, record the
 * verified address, bootstrap configured administrators, open a session, end the address's run
 * of failures, audit. Null when the token was used by a concurrent request. Throws 403
 * `account_disabled` for a suspended account.
 */
export async function completeEmailSignIn(
  deps: Deps,
  {
    token,
    meta,
    previousSessionId,
    method,
    proof,
  }: {
    token: OneTimeToken;
    meta: RequestMeta;
    previousSessionId: string | null;
    method: "code" | "link";
    proof: SignInProof;
  },
): Promise<SignedIn | null> {
  const { db, config } = deps;
  const now = deps.clock.now();
  const tx = newId("tx");
  const guard = sql`EXISTS (SELECT 1 FROM one_time_tokens WHERE id = ${token.id} AND used_tx = ${tx})`;
  const existing = await accountOf(deps, token.email);
  if (existing) assertCanSignIn(existing);

  const userId = existing?.id ?? newId("usr");
  const name = existing ? "" : await nameFor(token, proof);
  // ADMIN_EMAILS bootstraps an administrator, once: one whose role another administrator
  // removed stays removed (the removal is the newer decision).
  const makeAdmin =
    config.adminEmails.includes(token.email) &&
    !existing?.isAdmin &&
    !(existing && (await wasDemoted(deps, existing.id)));
  const actor = token.email;
  // Becoming an administrator is a change of rights: the new session carries the new version.
  const rightsVersion = (existing?.rightsVersion ?? 0) + (existing && makeAdmin ? 1 : 0);
  const session = await openSessionStatements(deps, {
    user: { id: userId, email: token.email, rightsVersion },
    method: `email_${method}`,
    meta,
    previousSessionId,
    actor,
    guard,
  });
  const statements = [
    consumeCodeStatement(deps, token.id, tx),
    // The address's other codes and links end with this sign-in.
    revokeCodesStatement(deps, { purpose: "email_sign_in", email: token.email, guard }),
    clearFailuresStatement(deps, { purpose: "email_sign_in", email: token.email, guard }),
    ...(existing
      ? []
      : [
          insertWhere(
            db,
            users,
            {
              id: userId,
              email: token.email,
              name,
              status: "active",
              isAdmin: makeAdmin,
              createdAt: now,
              updatedAt: now,
            },
            guard,
          ),
          insertWhere(
            db,
            emailIdentities,
            { id: newId("eml"), userId, email: token.email, verifiedAt: now, createdAt: now },
            guard,
          ),
          auditStatement(db, {
            actor,
            action: "user.signed_up",
            subject: `user:${userId}`,
            detail: { method: `email_${method}` },
            at: now,
            meta,
            guard,
          }),
        ]),
    ...(existing && makeAdmin
      ? [
          db
            .update(users)
            .set({ isAdmin: true, rightsVersion, updatedAt: now })
            .where(and(eq(users.id, userId), guard)),
        ]
      : []),
    ...(makeAdmin
      ? [
          auditStatement(db, {
            actor: "system",
            action: "admin.bootstrapped",
            subject: `user:${userId}`,
            detail: { email: token.email, source: "ADMIN_EMAILS" },
            at: now,
            meta,
            guard,
          }),
        ]
      : []),
    ...session.statements,
  ];
  const [consumed] = await runBatch(db, statements);
  if ((consumed as unknown[]).length === 0) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return { user: user!, sessionToken: session.token, outboxIds: [] };
}
