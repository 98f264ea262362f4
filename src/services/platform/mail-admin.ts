import { and, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { agencies, applications, oneTimeTokens, outbox, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { auditStatement, actorOf } from "../../db/statements/audit";
import { AppError } from "../../errors";
import type { Deps, RequestMeta } from "../../deps";

// What administrators see of the mail: messages that failed for good (dead letters) or were
// suppressed, with a retry; never a body (it may carry a one-time code or link).

/** A message as administrators see it: who, what, how it went; no body. */
export interface MailRecord {
  id: string;
  template: string;
  to: string[];
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  delivery: string | null;
  deliveryAt: number | null;
  deliveryDetail: string | null;
  /** False when its one-time code or link has died (or its body was erased): it cannot be sent again. */
  retryable: boolean;
}

const COLUMNS = {
  id: outbox.id,
  template: outbox.template,
  to: outbox.to,
  subject: outbox.subject,
  status: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
  delivery: outbox.delivery,
  deliveryAt: outbox.deliveryAt,
  deliveryDetail: outbox.deliveryDetail,
  bodyErasedAt: outbox.bodyErasedAt,
  secretExpiresAt: outbox.secretExpiresAt,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]["_"]["data"] | null };

/** A row as administrators see it, at `now` (ms). */
function record(row: Row, now: number): MailRecord {
  const { bodyErasedAt, secretExpiresAt, to, ...rest } = row as Row & { to: string };
  return {
    ...(rest as Omit<MailRecord, "to" | "retryable">),
    to: JSON.parse(to) as string[],
    retryable: bodyErasedAt === null && (secretExpiresAt === null || secretExpiresAt > now),
  };
}

export type MailListStatus = "failed" | "suppressed" | "bounced";

/**
 * Messages of one kind, newest first (at most 200): `failed` (every attempt spent, or refused
 * by Resend), `suppressed` (not sent: the address is on the suppression list) or `bounced`
 * (sent, then bounced or complained of).
 */
export async function listMail(deps: Deps, status: MailListStatus): Promise<MailRecord[]> {
  const where = status === "bounced" ? inArray(outbox.delivery, ["bounced", "complained"]) : eq(outbox.status, status);
  const rows = await deps.db.select(COLUMNS).from(outbox).where(where).orderBy(desc(outbox.createdAt)).limit(200);
  const now = deps.clock.now();
  return rows.map((r) => record(r as Row, now));
}

/**
 * Sends a failed message again: back to `pending` with its attempts reset and due now, audited
 * with `reason`. Throws 404 `not_found`, 409 `invalid_transition` when it is not `failed` (also
 * when another administrator retried it first) or when its body was erased (its one-time code or
 * link died: the person asks for a new one).
 */
export async function retryMessage(
  deps: Deps,
  admin: User,
  id: string,
  reason: string | null,
  meta: RequestMeta,
): Promise<MailRecord> {
  const [message] = await deps.db.select().from(outbox).where(eq(outbox.id, id)).limit(1);
  if (!message) throw new AppError("not_found", { th: "ไม่พบข้อความนี้", en: "No such message." });
  const now = deps.clock.now();
  if (message.bodyErasedAt !== null || (message.secretExpiresAt !== null && message.secretExpiresAt <= now))
    throw new AppError("invalid_transition", {
      th: "ข้อความนี้มีรหัสหรือลิงก์ที่หมดอายุแล้ว ส่งซ้ำไม่ได้ ผู้รับต้องขอรหัสใหม่",
      en: "This message carried a one-time code or link that has expired: it cannot be sent again; its recipient asks for a new one.",
    });
  if (message.status !== "failed")
    throw new AppError("invalid_transition", {
      th: "ส่งซ้ำได้เฉพาะข้อความที่ส่งไม่สำเร็จ",
      en: "Only a failed message can be sent again.",
    });
  const actor = actorOf(admin);
  const [, updated] = await runBatch(deps.db, [
    // The audit row first, under the update's own condition: only the request whose update lands writes it.
    auditStatement(deps.db, {
      actor,
      action: "mail.retried",
      subject: `message:${id}`,
      detail: { reason, template: message.template, lastError: message.lastError },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM outbox WHERE id = ${id} AND status = 'failed' AND attempts = ${message.attempts})`,
    }),
    deps.db
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, batchKey: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, "failed"), eq(outbox.attempts, message.attempts)))
      .returning({ id: outbox.id }),
  ]);
  if ((updated ?? []).length === 0)
    throw new AppError("invalid_transition", {
      th: "ข้อความนี้ถูกส่งซ้ำไปแล้ว",
      en: "This message was already sent again.",
    });
  const [row] = await deps.db.select(COLUMNS).from(outbox).where(eq(outbox.id, id));
  return record(row as Row, now);
}

/** An application whose approver's address did not accept mail, while that address still holds a live link. */
export interface BouncedApproval {
  applicationId: string;
  reference: string | null;
  agencyId: string;
  agencyNameTh: string;
  agencyNameEn: string;
  address: string;
  at: number;
}

/**
 * The applications administrators must look at: waiting for an executive whose flagged address
 * still holds a live approval link (fixing the agency's approvers kills those links, which
 * clears the flag).
 */
export async function listBouncedApprovals(deps: Deps): Promise<BouncedApproval[]> {
  const now = deps.clock.now();
  return deps.db
    .select({
      applicationId: applications.id,
      reference: applications.reference,
      agencyId: agencies.id,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
      address: sql<string>`${applications.approverBouncedAddress}`,
      at: sql<number>`${applications.approverBouncedAt}`,
    })
    .from(applications)
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(
      and(
        eq(applications.status, "awaiting_executive"),
        isNotNull(applications.approverBouncedAt),
        sql`EXISTS (SELECT 1 FROM ${oneTimeTokens} WHERE ${oneTimeTokens.applicationId} = ${applications.id}
          AND ${oneTimeTokens.purpose} = 'approval' AND lower(${oneTimeTokens.email}) = ${applications.approverBouncedAddress}
          AND ${isNull(oneTimeTokens.usedAt)} AND ${isNull(oneTimeTokens.revokedAt)} AND ${gt(oneTimeTokens.expiresAt, now)})`,
      ),
    )
    .orderBy(desc(applications.approverBouncedAt))
    .limit(200);
}
