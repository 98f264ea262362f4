import { eq, inArray, sql } from "drizzle-orm";
import { agencies, applications, memberships, users } from "../../db/schema";
import type { Deps } from "../../deps";
import { OPEN_STATUSES } from "../applications/application-list";
import { currentTermsVersion } from "../terms/versions";

/** The console home's counts: what waits for administrators and how large each list is. */
export async function consoleSummary(deps: Deps) {
  const count = sql<number>`count(*)`;
  const { db } = deps;
  const [review, open, stewards, agencyCount, people, terms] = await Promise.all([
    db
      .select({ n: count })
      .from(applications)
      .where(inArray(applications.status, ["awaiting_review", "awaiting_approver"])),
    db
      .select({ n: count })
      .from(applications)
      .where(inArray(applications.status, [...OPEN_STATUSES])),
    db.select({ n: count }).from(memberships).where(eq(memberships.status, "active")),
    db.select({ n: count }).from(agencies),
    db.select({ n: count }).from(users),
    currentTermsVersion(db, deps.clock.now()),
  ]);
  const n = (rows: { n: number }[]) => Number(rows[0]?.n ?? 0);
  return {
    awaitingReview: n(review),
    openApplications: n(open),
    activeStewards: n(stewards),
    agencies: n(agencyCount),
    people: n(people),
    currentTermsVersion: terms,
  };
}
