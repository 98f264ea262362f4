import { and, eq, gt, isNull, type SQL } from "drizzle-orm";
import { sessions, users, type User } from "../db/schema";
import { insertWhere } from "../db/guarded";
import type { Db } from "../env";
import { DAY, MINUTE } from "../lib/clock";
import { randomBase62, sha256Hex, timingSafeEqual } from "../lib/crypto";
import { newId } from "../lib/ids";
import type { Deps, RequestMeta } from "./deps";

export const SESSION_ABSOLUTE_MS = 30 * DAY;
export const SESSION_IDLE_MS = 7 * DAY;

export interface NewSession {
  id: string;
  /** The cookie value, `<id>.<secret>`; only sha256(secret) is stored. */
  token: string;
  statement: ReturnType<typeof insertWhere> | ReturnType<ReturnType<Db["insert"]>["values"]>;
}

/** A session row for a sign-in batch, guarded like the rest of that batch. */
export async function newSession(db: Db, userId: string, now: number, meta: RequestMeta, guard?: SQL): Promise<NewSession> {
  const id = newId("ses");
  const secret = randomBase62(32);
  const values = {
    id,
    secretHash: await sha256Hex(secret),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_ABSOLUTE_MS,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  };
  const statement = guard ? insertWhere(db, sessions, values, guard) : db.insert(sessions).values(values);
  return { id, token: `${id}.${secret}`, statement };
}

export interface CurrentSession {
  sessionId: string;
  user: User;
}

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
  // Touch at most once a minute: no write on most requests.
  if (now - row.session.lastSeenAt > MINUTE) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { sessionId: id, user: row.user };
}

export function revokeSessionStatement(db: Db, sessionId: string, now: number) {
  return db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
