import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { agencies, applications, users } from "../../db/schema";
import { afterCursor, contains, pageLimit, pageOf, type Paged } from "../../db/paging";
import { storedStatuses, type PublicApplicationStatus } from "../../workflow/application-machine";
import type { Deps } from "../../deps";
import { withMemberships, type ApplicationRecord } from "./applications";

// The administrators' lists of applications: filtered, searched, paged, each with its agency's
// names and the steward role it granted, as that role stands now.

/** The statuses in which an application still waits for someone. */
export const OPEN_STATUSES = ["awaiting_approver", "awaiting_executive", "awaiting_review", "returned"] as const;

export interface ApplicationFilter {
  /** A public status; `active` means a steward who is one now (their role neither suspended nor ended). */
  status?: PublicApplicationStatus | "open" | null;
  /** A reference (six digits) finds that application alone; other text matches the applicant's name or e-mail, or the agency's Thai or English name. */
  q?: string | null;
  agencyId?: string | null;
  cursor?: string | null;
  limit?: number | null;
}

export interface AdminApplicationRow {
  record: ApplicationRecord;
  agency: { id: string; nameTh: string; nameEn: string };
  /** Shown as `awaiting_review`; the stored status says no approver is confirmed yet. */
  awaitingApprover: boolean;
}

function statusCondition(status: ApplicationFilter["status"]) {
  if (!status) return undefined;
  if (status === "open") return inArray(applications.status, [...OPEN_STATUSES]);
  if (status === "active")
    return and(
      eq(applications.status, "active"),
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.application_id = ${applications.id} AND m.status = 'active')`,
    );
  return inArray(applications.status, storedStatuses(status));
}

/** One page of applications, newest first (CONTRACT: GET /api/v1/admin/applications). */
export async function listApplications(deps: Deps, filter: ApplicationFilter): Promise<Paged<AdminApplicationRow>> {
  const limit = pageLimit(filter.limit);
  const term = filter.q?.trim();
  const rows = await deps.db
    .select({
      application: applications,
      applicant: { id: users.id, name: users.name },
      agency: { id: agencies.id, nameTh: agencies.nameTh, nameEn: agencies.nameEn },
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .where(
      and(
        statusCondition(filter.status),
        filter.agencyId ? eq(applications.agencyId, filter.agencyId) : undefined,
        term && /^\d{6}$/.test(term)
          ? eq(applications.reference, term)
          : term
            ? or(
                contains(users.name, term),
                contains(applications.applicantEmail, term),
                contains(agencies.nameTh, term),
                contains(agencies.nameEn, term),
              )
            : undefined,
        afterCursor(applications.createdAt, applications.id, filter.cursor),
      ),
    )
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ at: r.application.createdAt, id: r.application.id }));
  const records = await withMemberships(deps.db, page.items);
  return {
    items: records.map((record, i) => ({
      record,
      agency: page.items[i]!.agency,
      awaitingApprover: record.application.status === "awaiting_approver",
    })),
    nextCursor: page.nextCursor,
  };
}
