import { and, desc, eq, lte, sql } from "drizzle-orm";
import { termsAcceptances, termsVersions, type TermsVersion } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { sha256Hex } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { runBatch } from "../../db/guarded";

/** The evidence kept with each acceptance: SHA-256 of `bodyTh + "\n\n" + bodyEn`. */
export function termsSha256(bodyTh: string, bodyEn: string): Promise<string> {
  return sha256Hex(`${bodyTh}\n\n${bodyEn}`);
}

/** The version in force at `now`: the latest whose effective time has come. */
export async function currentTerms(db: Db, now: number): Promise<TermsVersion | null> {
  const [row] = await db
    .select()
    .from(termsVersions)
    .where(lte(termsVersions.effectiveAt, now))
    .orderBy(desc(termsVersions.effectiveAt))
    .limit(1);
  return row ?? null;
}

export async function requireCurrentTerms(db: Db, now: number): Promise<TermsVersion> {
  const terms = await currentTerms(db, now);
  if (!terms) throw new AppError("not_found", { th: "ยังไม่มีข้อตกลงการใช้งาน", en: "No terms have been published yet." });
  return terms;
}

/** The version the user accepted most recently, or null. */
export async function acceptedVersion(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ version: termsAcceptances.version })
    .from(termsAcceptances)
    .innerJoin(termsVersions, eq(termsVersions.version, termsAcceptances.version))
    .where(eq(termsAcceptances.userId, userId))
    .orderBy(desc(termsVersions.effectiveAt))
    .limit(1);
  return row?.version ?? null;
}

export async function hasAcceptedCurrentTerms(db: Db, userId: string, now: number): Promise<boolean> {
  const terms = await currentTerms(db, now);
  if (!terms) return false;
  const [row] = await db
    .select({ id: termsAcceptances.id })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.userId, userId), eq(termsAcceptances.version, terms.version)))
    .limit(1);
  return row !== undefined;
}

/** Records acceptance of the current version with its evidence. Accepting twice is harmless. */
export async function acceptTerms(deps: Deps, userId: string, actor: string, version: string, meta: RequestMeta) {
  const now = deps.clock.now();
  const terms = await requireCurrentTerms(deps.db, now);
  if (terms.version !== version) {
    throw new AppError("terms_version_mismatch", {
      th: `ฉบับปัจจุบันคือ ${terms.version}`,
      en: `The current version is ${terms.version}.`,
    });
  }
  const acceptanceId = newId("trm");
  // The audit row is written only if this request's acceptance row was (not on a repeat).
  const inserted = sql`EXISTS (SELECT 1 FROM terms_acceptances WHERE id = ${acceptanceId})`;
  await runBatch(deps.db, [
    deps.db
      .insert(termsAcceptances)
      .values({
        id: acceptanceId,
        userId,
        version,
        sha256: terms.sha256,
        acceptedAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent,
      })
      .onConflictDoNothing(),
    auditStatement(deps.db, {
      actor,
      action: "terms.accepted",
      subject: `user:${userId}`,
      detail: { version, sha256: terms.sha256, userAgent: meta.userAgent },
      at: now,
      meta,
      guard: inserted,
    }),
  ]);
  return { version, sha256: terms.sha256, acceptedAt: now };
}
