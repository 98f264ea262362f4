import { sql, type SQL } from "drizzle-orm";
import type { Statement } from "../db/guarded";
import { queueCkanOperation, queueWebhookEvent } from "../db/statements/portal";
import type { Deps } from "../deps";
import type { WebhookEventType } from "../lib/vocabulary";

// What a membership change owes the portal side, in the batch of the change: the CKAN call
// (an active membership makes its person an editor of the agency's organization; any other
// status removes them) and the signed event for registered webhook endpoints.

export type MembershipChange = Extract<WebhookEventType, `membership.${string}`>;

export interface MembershipChangeFacts {
  change: MembershipChange;
  /** The status the membership has after the change. */
  status: string;
  membershipId: string;
  person: { id: string; name: string };
  /** The official address the person applied with (CKAN's user is found or created with it). */
  officialEmail: string;
  agency: { id: string; nameTh: string; nameEn: string; ckanOrganization: string | null };
  reason: string | null;
  now: number;
  guard: SQL;
}

/**
 * The statements: a CKAN call when CKAN is configured (written only for an agency mapped to an
 * organization — the statement checks), and the event for subscribed endpoints.
 */
export function membershipPortalStatements(deps: Deps, facts: MembershipChangeFacts): Statement[] {
  const { db } = deps;
  const statements: Statement[] = [];
  if (deps.config.ckan)
    statements.push(
      // What reconciliation found about this person there is out of date now.
      db.run(sql`DELETE FROM ckan_drift WHERE user_id = ${facts.person.id}
        AND organization IN (SELECT ckan_organization FROM agencies WHERE id = ${facts.agency.id}) AND ${facts.guard}`),
      queueCkanOperation(db, {
        action: facts.status === "active" ? "organization_member_create" : "organization_member_delete",
        agencyId: facts.agency.id,
        userId: facts.person.id,
        email: facts.officialEmail,
        membershipId: facts.membershipId,
        cause: facts.change,
        now: facts.now,
        guard: facts.guard,
      }),
    );
  statements.push(
    queueWebhookEvent(db, {
      type: facts.change,
      data: {
        membership: { id: facts.membershipId, role: "steward", status: facts.status },
        person: { id: facts.person.id, name: facts.person.name, email: facts.officialEmail },
        agency: facts.agency,
        reason: facts.reason,
      },
      now: facts.now,
      guard: facts.guard,
    }).statement,
  );
  return statements;
}
