import { and, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { ckanOperations, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { actorOf, auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { AppError } from "../../errors";

// The CKAN calls administrators see (failed, or retrying after a failed attempt) and retry.

export const notConfigured = () =>
  new AppError("invalid_transition", {
    th: "ยังไม่ได้ตั้งค่าการเชื่อมต่อ CKAN (CKAN_URL และ CKAN_API_TOKEN)",
    en: "CKAN is not configured (CKAN_URL and CKAN_API_TOKEN).",
  });

/** A call as administrators see it. */
export type CkanCall = Pick<
  typeof ckanOperations.$inferSelect,
  | "id"
  | "action"
  | "organization"
  | "userId"
  | "email"
  | "membershipId"
  | "cause"
  | "status"
  | "attempts"
  | "nextAttemptAt"
  | "lastErrorKind"
  | "lastError"
  | "ckanUser"
  | "createdAt"
  | "doneAt"
>;

const CALL = {
  id: ckanOperations.id,
  action: ckanOperations.action,
  organization: ckanOperations.organization,
  userId: ckanOperations.userId,
  email: ckanOperations.email,
  membershipId: ckanOperations.membershipId,
  cause: ckanOperations.cause,
  status: ckanOperations.status,
  attempts: ckanOperations.attempts,
  nextAttemptAt: ckanOperations.nextAttemptAt,
  lastErrorKind: ckanOperations.lastErrorKind,
  lastError: ckanOperations.lastError,
  ckanUser: ckanOperations.ckanUser,
  createdAt: ckanOperations.createdAt,
  doneAt: ckanOperations.doneAt,
};

/**
 * Calls by `status`: `attention` (failed, or pending after a failed attempt — default), or one
 * status. Newest first, at most 200.
 */
export async function listCkanCalls(
  deps: Deps,
  status: "attention" | "pending" | "done" | "failed" | "superseded" = "attention",
): Promise<CkanCall[]> {
  const where =
    status === "attention"
      ? or(
          eq(ckanOperations.status, "failed"),
          and(eq(ckanOperations.status, "pending"), gt(ckanOperations.attempts, 0)),
        )
      : eq(ckanOperations.status, status);
  return deps.db.select(CALL).from(ckanOperations).where(where).orderBy(desc(ckanOperations.seq)).limit(200);
}

/**
 * Makes failed calls pending again, due now with attempts reset, audited with `reason` — one
 * batch. `ids` null: every failed call. Returns the ids retried. Throws 409
 * `invalid_transition` without CKAN, or when none of them is failed (any more).
 */
export async function retryCkanCalls(
  deps: Deps,
  admin: User,
  ids: string[] | null,
  reason: string | null,
  meta: RequestMeta,
): Promise<string[]> {
  if (!deps.config.ckan) throw notConfigured();
  const now = deps.clock.now();
  const where = and(
    eq(ckanOperations.status, "failed"),
    ids ? inArray(ckanOperations.id, ids.slice(0, 90)) : undefined,
  );
  const failed = await deps.db.select({ id: ckanOperations.id }).from(ckanOperations).where(where).limit(90);
  if (failed.length === 0)
    throw new AppError("invalid_transition", {
      th: "ไม่มีรายการที่ล้มเหลวให้สั่งซ้ำ (อาจมีผู้สั่งไปแล้ว)",
      en: "No failed call to retry (another administrator may have retried it).",
    });
  const chosen = failed.map((f) => f.id);
  // The audit row first, on the update's own condition: written exactly when the update matches.
  const [, updated] = await runBatch(deps.db, [
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "ckan.call_retried",
      subject: chosen.length === 1 ? `ckan_call:${chosen[0]}` : "ckan_calls",
      detail: { ids: chosen, reason },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM ckan_operations WHERE ${inArray(ckanOperations.id, chosen)} AND status = 'failed')`,
    }),
    deps.db
      .update(ckanOperations)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(and(inArray(ckanOperations.id, chosen), eq(ckanOperations.status, "failed")))
      .returning({ id: ckanOperations.id }),
  ]);
  const retried = (updated as { id: string }[]).map((r) => r.id);
  if (retried.length === 0)
    throw new AppError("invalid_transition", {
      th: "รายการนี้ถูกสั่งซ้ำไปแล้ว",
      en: "Already retried.",
    });
  return retried;
}
