import { or, sql, type SQL } from "drizzle-orm";
import { users } from "../../db/schema";
import { contains } from "../../db/paging";

/** People whose name, main e-mail or any verified e-mail contains `term` (see `contains`). */
export function personMatches(term: string): SQL {
  return or(
    contains(users.name, term),
    contains(users.email, term),
    sql`EXISTS (SELECT 1 FROM email_identities e WHERE e.user_id = ${users.id} AND ${contains(sql.raw("e.email"), term)})`,
  )!;
}
