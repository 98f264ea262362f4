import { and, desc, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { sessions, users, type User, type Session } from "../../db/schema";
import { insertWhere, runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import { auditStatement } from "../../db/statements/audit";
import type { Db } from "../../env";
import { DAY, MINUTE } from "../../lib/clock";
import { randomBase62, sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import type { Deps, RequestMeta } from "../../deps";

export const SESSION_ABSOLUTE_MS = 30 * DAY;
export const SESSION_IDLE_MS = 7 * DAY;

export interface NewSession {
  id: string;
  /** The cookie value, `<id>.<secret>`; only sha256(secret) is stored. */
  token: string;
  statement: ReturnType<typeof insertWhere> | ReturnType<ReturnType<Db["insert"]>["values"]>;
}

export interface SessionOptions {
  guard?: SQL;
  rightsVersion?: number;
  /** For a rotated session: its id (chosen first, for the guard), birth and absolute end. */
  id?: string;
  createdAt?: number;
  expiresAt?: number;
}

/** A session row for a sign-in batch, guarded like the rest of that batch. */
export async function newSession(
  db: Db,
  userId: string,
  now: number,
  meta: RequestMeta,
  options: SessionOptions = {},
): Promise<NewSession> {
  const id = options.id ?? newId("ses");
  const secret = randomBase62(32);
  const values = {
    id,
    secretHash: await sha256Hex(secret),
    userId,
    rightsVersion: options.rightsVersion ?? 0,
    createdAt: options.createdAt ?? now,
    lastSeenAt: now,
    expiresAt: options.expiresAt ?? now + SESSION_ABSOLUTE_MS,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  };
  const statement = options.guard
    ? insertWhere(db, sessions, values, options.guard)
    : db.insert(sessions).values(values);
  return { id, token: `${id}.${secret}`, statement };
}

export interface CurrentSession {
  sessionId: string;
  user: User;
  /** Set when this request gave the session a new id (the user's rights changed). */
  rotatedToken?: string;
}

/** How long the old id of a rotated session keeps working (requests already in flight). */
const ROTATION_OVERLAP_MS = 30 * 1000;

/** The signed-in user of a session cookie, or null (expired, revoked, idle, or forged). */
export async function validateSession(deps: Deps, token: string | undefined): Promise<CurrentSession | null> {
  if (!token) return null;
  const [id, secret] = token.split(".");
  if (!id || !secret || !id.startsWith("ses_")) return null;
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  if (!timingSafeEqual(row.session.secretHash, await sha256Hex(secret))) return null;
  if (row.session.lastSeenAt + SESSION_IDLE_MS <= now) return null;
  if (row.user.status !== "active") return null;
  if (row.session.rightsVersion !== row.user.rightsVersion && row.session.replacedBy === null) {
    return rotateSession(deps, row.session, row.user, now, sessionMeta(row.session));
  }
  // Touch at most once a minute: no write on most requests.
  if (now - row.session.lastSeenAt > MINUTE) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { sessionId: id, user: row.user };
}

const sessionMeta = (s: typeof sessions.$inferSelect): RequestMeta => ({ ip: s.ip, userAgent: s.userAgent });

/**
 * A change of rights gives the session a new id (no fixation across privilege changes). The
 * old id is claimed with a compare-and-swap and keeps working a few seconds for requests in
 * flight; of two concurrent requests, one rotates and the other carries on with the old id.
 */
async function rotateSession(
  deps: Deps,
  old: typeof sessions.$inferSelect,
  user: User,
  now: number,
  requestMeta: RequestMeta,
): Promise<CurrentSession> {
  const id = newId("ses");
  const claimed = sql`EXISTS (SELECT 1 FROM sessions WHERE id = ${old.id} AND replaced_by = ${id})`;
  const fresh = await newSession(deps.db, user.id, now, requestMeta, {
    id,
    guard: claimed,
    rightsVersion: user.rightsVersion,
    createdAt: old.createdAt,
    expiresAt: old.expiresAt,
  });
  const [cas] = await runBatch(deps.db, [
    deps.db
      .update(sessions)
      .set({
        replacedBy: id,
        rightsVersion: user.rightsVersion,
        expiresAt: Math.min(old.expiresAt, now + ROTATION_OVERLAP_MS),
      })
      .where(and(eq(sessions.id, old.id), isNull(sessions.replacedBy)))
      .returning({ id: sessions.id }),
    fresh.statement,
  ]);
  if ((cas as unknown[]).length === 0) return { sessionId: old.id, user };
  return { sessionId: id, user, rotatedToken: fresh.token };
}

/** The session and its other id across a renewal (the one it replaced, or the one replacing it). */
function sameBrowser(sessionId: string): SQL {
  return or(
    eq(sessions.id, sessionId),
    eq(sessions.replacedBy, sessionId),
    sql`${sessions.id} = (SELECT s2.replaced_by FROM sessions s2 WHERE s2.id = ${sessionId})`,
  )!;
}

/** Ends a session under both its ids: a renewal after a change of rights leaves the old one briefly alive. */
export function revokeSessionStatement(db: Db, sessionId: string, now: number, guard?: SQL) {
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(sameBrowser(sessionId), isNull(sessions.revokedAt), guard));
}

/** Holds, inside a statement, while the session is alive under either of its ids. */
export function sessionAlive(sessionId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM sessions WHERE ${and(sameBrowser(sessionId), isNull(sessions.revokedAt))})`;
}

/** The user's live sessions, newest first; `id` is the public id, never the cookie. */
export async function listSessions(deps: Deps, userId: string): Promise<Session[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        isNull(sessions.replacedBy),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, now - SESSION_IDLE_MS),
      ),
    )
    .orderBy(desc(sessions.createdAt));
  return rows;
}

/** Ends one of the user's sessions (another user's id: 404). */
export async function endSession(deps: Deps, user: User, id: string, meta: RequestMeta) {
  const now = deps.clock.now();
  const live = and(sameBrowser(id), eq(sessions.userId, user.id), isNull(sessions.revokedAt))!;
  const [, cas] = await runBatch(deps.db, [
    // The audit row first, under the update's own condition: two requests ending it at once audit once.
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "session.ended",
      subject: `user:${user.id}`,
      detail: { sessionId: id },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM sessions WHERE ${live})`,
    }),
    deps.db.update(sessions).set({ revokedAt: now }).where(live).returning({ id: sessions.id }),
  ]);
  if ((cas as unknown[]).length === 0) throw new AppError("not_found", { th: "ไม่พบเซสชันนี้", en: "No such session." });
}

/** Ends every session of the user but this one. */
export async function endOtherSessions(deps: Deps, user: User, currentId: string, meta: RequestMeta) {
  const now = deps.clock.now();
  await runBatch(deps.db, [
    deps.db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, currentId), isNull(sessions.revokedAt))),
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "session.others_ended",
      subject: `user:${user.id}`,
      detail: { keptSessionId: currentId },
      at: now,
      meta,
    }),
  ]);
}

/** Ends all sessions of a user (suspension, recovery). A statement for the caller's batch. */
export function endAllSessionsStatement(db: Db, userId: string, now: number, guard?: SQL) {
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), guard));
}
