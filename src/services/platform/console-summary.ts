import { eq, inArray, isNull, sql } from "drizzle-orm";
import {
  agencies,
  applications,
  ckanDrift,
  ckanOperations,
  emailSuppressions,
  memberships,
  outbox,
  users,
  webhookDeliveries,
} from "../../db/schema";
import type { Deps } from "../../deps";
import { OPEN_STATUSES } from "../applications/application-list";
import { currentTermsVersion } from "../terms/versions";
import { listBouncedApprovals } from "./mail-admin";

/** The console home's counts: what waits for administrators (mail that failed or bounced too) and how large each list is. */
export async function consoleSummary(deps: Deps) {
  const count = sql<number>`count(*)`;
  const { db } = deps;
  const [
    review,
    open,
    stewards,
    agencyCount,
    people,
    terms,
    failedMail,
    suppressed,
    bounced,
    ckanFailed,
    drift,
    hooks,
  ] = await Promise.all([
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
    db.select({ n: count }).from(outbox).where(eq(outbox.status, "failed")),
    db.select({ n: count }).from(emailSuppressions).where(isNull(emailSuppressions.liftedAt)),
    listBouncedApprovals(deps),
    db.select({ n: count }).from(ckanOperations).where(eq(ckanOperations.status, "failed")),
    db.select({ n: count }).from(ckanDrift),
    db.select({ n: count }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "failed")),
  ]);
  const n = (rows: { n: number }[]) => Number(rows[0]?.n ?? 0);
  return {
    awaitingReview: n(review),
    openApplications: n(open),
    activeStewards: n(stewards),
    agencies: n(agencyCount),
    people: n(people),
    currentTermsVersion: terms,
    failedMessages: n(failedMail),
    suppressedAddresses: n(suppressed),
    bouncedApprovals: bounced.length,
    failedCkanCalls: n(ckanFailed),
    ckanDrift: n(drift),
    failedWebhookDeliveries: n(hooks),
  };
}
