import { and, eq, sql, type SQL } from "drizzle-orm";
import { users } from "../schema";
import type { Db } from "../../env";

/**
 * Marks a change of the user's rights (a membership granted, suspended, revoked; an account
 * suspended): their sessions get a new id at the next request. Part of the change's batch.
 */
export function rightsChangedStatement(db: Db, userId: string, guard?: SQL) {
  return db
    .update(users)
    .set({ rightsVersion: sql`${users.rightsVersion} + 1` })
    .where(and(eq(users.id, userId), guard));
}
