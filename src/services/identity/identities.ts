import { and, count, eq } from "drizzle-orm";
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

/** How many ways the user has to sign in: verified e-mails, OpenID identities, passkeys. */
export async function signInMethodCount(db: Db, userId: string): Promise<number> {
  const [[e], [o], [p]] = await Promise.all([
    db.select({ n: count() }).from(emailIdentities).where(eq(emailIdentities.userId, userId)),
    db.select({ n: count() }).from(oidcIdentities).where(eq(oidcIdentities.userId, userId)),
    db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)),
  ]);
  return (e?.n ?? 0) + (o?.n ?? 0) + (p?.n ?? 0);
}

/** Unlinks an OpenID identity, never the last way to sign in. */
export async function unlinkOidcIdentity(deps: Deps, user: User, id: string, meta: RequestMeta): Promise<void> {
  const [identity] = await deps.db
    .select()
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.id, id), eq(oidcIdentities.userId, user.id)))
    .limit(1);
  if (!identity) throw new AppError("not_found", { th: "ไม่พบตัวตนนี้", en: "No such identity." });
  if ((await signInMethodCount(deps.db, user.id)) <= 1) {
    throw new AppError("last_sign_in_method", {
      th: "กรุณาเพิ่มวิธีเข้าสู่ระบบอื่นก่อน",
      en: "Add another way to sign in first.",
    });
  }
  const now = deps.clock.now();
  await runBatch(deps.db, [
    deps.db.delete(oidcIdentities).where(eq(oidcIdentities.id, id)),
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "identity.unlinked",
      subject: `user:${user.id}`,
      detail: { provider: identity.providerId, issuer: identity.issuer, sub: identity.subject },
      at: now,
      meta,
    }),
  ]);
}
