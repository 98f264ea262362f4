import { and, eq, sql, type SQL } from "drizzle-orm";
import { emailIdentities, oidcIdentities, passkeys, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";

/** The user's verified addresses and OpenID identities. */
export async function listIdentities(db: Db, userId: string) {
  const [emails, oidc] = await Promise.all([
    db.select().from(emailIdentities).where(eq(emailIdentities.userId, userId)),
    db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId)),
  ]);
  return { emails, oidc };
}

const lastSignInMethod = () =>
  new AppError("last_sign_in_method", {
    th: "กรุณาเพิ่มวิธีเข้าสู่ระบบอื่นก่อน",
    en: "Add another way to sign in first.",
  });

/**
 * Holds, inside a statement, while the user has more than one way to sign in (verified e-mails,
 * OpenID identities, passkeys). Counted as the statement runs, so two removals at once (two
 * tabs) can never leave the account with none.
 */
function anotherSignInMethod(userId: string): SQL {
  return sql`((SELECT count(*) FROM email_identities WHERE user_id = ${userId})
    + (SELECT count(*) FROM oidc_identities WHERE user_id = ${userId})
    + (SELECT count(*) FROM passkeys WHERE user_id = ${userId}) > 1)`;
}

/**
 * Removes one of the user's OpenID identities or passkeys with its audit row, in one batch, never
 * the last way to sign in. The audit row comes first under the delete's own condition (a second
 * request at once writes nothing). Throws 409 `last_sign_in_method`, or `notFound` when the row
 * is not the user's (or was removed meanwhile).
 */
export async function removeSignInMethod(
  deps: Deps,
  user: User,
  table: typeof oidcIdentities | typeof passkeys,
  id: string,
  audit: { action: "identity.unlinked" | "passkey.removed"; detail: Record<string, unknown>; meta: RequestMeta },
  notFound: AppError,
): Promise<void> {
  const removable = and(eq(table.id, id), eq(table.userId, user.id), anotherSignInMethod(user.id))!;
  const [, removed] = await runBatch(deps.db, [
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: audit.action,
      subject: `user:${user.id}`,
      detail: audit.detail,
      at: deps.clock.now(),
      meta: audit.meta,
      guard: sql`EXISTS (SELECT 1 FROM ${table} WHERE ${removable})`,
    }),
    deps.db.delete(table).where(removable).returning({ id: table.id }),
  ]);
  if ((removed ?? []).length > 0) return;
  const [still] = await deps.db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.userId, user.id)));
  throw still ? lastSignInMethod() : notFound;
}

/** Unlinks an OpenID identity, never the last way to sign in (409 `last_sign_in_method`; 404). */
export async function unlinkOidcIdentity(deps: Deps, user: User, id: string, meta: RequestMeta): Promise<void> {
  const notFound = new AppError("not_found", { th: "ไม่พบตัวตนนี้", en: "No such identity." });
  const [identity] = await deps.db
    .select()
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.id, id), eq(oidcIdentities.userId, user.id)))
    .limit(1);
  if (!identity) throw notFound;
  const detail = { provider: identity.providerId, issuer: identity.issuer, sub: identity.subject };
  await removeSignInMethod(deps, user, oidcIdentities, id, { action: "identity.unlinked", detail, meta }, notFound);
}
