import { desc, eq, inArray } from "drizzle-orm";
import { applications, memberships, users, type Application, type Membership, type User } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { resubmissionEvent } from "../../workflow/application-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import { verifiedEmailsOf, type ApplicationContext } from "../../workflow/application-context";
import { approversOf } from "../../workflow/approval-links";
import { getAgency } from "../agencies/agency";
import type { Deps, RequestMeta } from "../../deps";
import type { ApplicationInput } from "./submit";

/** The steward role an approved application led to, as it stands now (CONTRACT: `membership`). */
export type GrantedMembership = Pick<Membership, "id" | "status" | "statusChangedAt" | "statusReason">;

/** An application with the applicant's id and name and the role it granted: what the API and the pages show of it. */
export interface ApplicationRecord {
  application: Application;
  applicant: Pick<User, "id" | "name">;
  membership: GrantedMembership | null;
}

/** The roles these applications granted, by application id (90 ids a query: D1's bound-parameter limit). */
async function grantedBy(db: Db, applicationIds: string[]): Promise<Map<string, GrantedMembership>> {
  const granted = new Map<string, GrantedMembership>();
  for (let i = 0; i < applicationIds.length; i += 90) {
    const rows = await db
      .select({
        id: memberships.id,
        status: memberships.status,
        statusChangedAt: memberships.statusChangedAt,
        statusReason: memberships.statusReason,
        applicationId: memberships.applicationId,
      })
      .from(memberships)
      .where(inArray(memberships.applicationId, applicationIds.slice(i, i + 90)));
    for (const { applicationId, ...m } of rows) if (applicationId) granted.set(applicationId, m);
  }
  return granted;
}

/** Records for applications and their applicants, each with the role it granted (if any). */
export async function withMemberships(
  db: Db,
  rows: { application: Application; applicant: Pick<User, "id" | "name"> }[],
): Promise<ApplicationRecord[]> {
  const granted = await grantedBy(
    db,
    rows.filter((r) => ["approved", "active"].includes(r.application.status)).map((r) => r.application.id),
  );
  return rows.map((r) => ({ ...r, membership: granted.get(r.application.id) ?? null }));
}

/** One application's record (see withMemberships). */
export async function applicationRecord(
  db: Db,
  application: Application,
  applicant: Pick<User, "id" | "name">,
): Promise<ApplicationRecord> {
  const [record] = await withMemberships(db, [{ application, applicant }]);
  return record!;
}

/** An application with its agency and applicant; 404 for anyone but its applicant or an administrator. */
export async function loadApplication(deps: Deps, id: string, viewer: User | null): Promise<ApplicationContext> {
  const [row] = await deps.db
    .select({ application: applications, applicant: users })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(eq(applications.id, id))
    .limit(1);
  if (!row || (viewer && !viewer.isAdmin && viewer.id !== row.application.userId)) {
    throw new AppError("not_found", { th: "ไม่พบคำขอนี้", en: "No such application." });
  }
  const [agency, applicantEmails] = await Promise.all([
    getAgency(deps.db, row.application.agencyId),
    verifiedEmailsOf(deps.db, row.application.userId),
  ]);
  return { application: row.application, applicant: row.applicant, agency, applicantEmails };
}

export async function withdrawApplication(deps: Deps, user: User, id: string, meta: RequestMeta) {
  const ctx = await loadApplication(deps, id, user);
  if (ctx.application.userId !== user.id)
    throw new AppError("forbidden", { th: "ผู้ยื่นคำขอเท่านั้นที่ถอนได้", en: "Only the applicant can withdraw." });
  const committed = await commitApplicationTransition(deps, ctx, "WITHDRAWN", { actor: user.email ?? user.id, meta });
  return {
    application: await applicationRecord(deps.db, committed.application, ctx.applicant),
    outboxIds: committed.outboxIds,
  };
}

/** The fields an applicant may change when resubmitting. */
export type ResubmitInput = Partial<Pick<ApplicationInput, "position" | "phone" | "reason">>;

/**
 * Sends a returned or expired application again, to the approvers as they stand (or to
 * administrators when none is left). Made again when an administrator changed the approvers
 * in between (the transition's guard on the agency). Throws 403, 404, 409.
 */
export async function resubmitApplication(
  deps: Deps,
  user: User,
  id: string,
  input: Partial<Pick<ApplicationInput, "position" | "phone" | "reason">>,
  meta: RequestMeta,
) {
  for (let round = 0; ; round++) {
    try {
      return await resubmitOnce(deps, user, id, input, meta);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict") || round >= 2) throw error;
    }
  }
}

async function resubmitOnce(
  deps: Deps,
  user: User,
  id: string,
  input: Partial<Pick<ApplicationInput, "position" | "phone" | "reason">>,
  meta: RequestMeta,
) {
  const ctx = await loadApplication(deps, id, user);
  if (ctx.application.userId !== user.id)
    throw new AppError("forbidden", { th: "ผู้ยื่นคำขอเท่านั้นที่ส่งใหม่ได้", en: "Only the applicant can resubmit." });
  const patch = {
    position: input.position ?? ctx.application.position,
    phone: input.phone ?? ctx.application.phone,
    reason: input.reason ?? ctx.application.reason,
    executiveDecidedAt: null,
    executiveDecidedBy: null,
    executiveReason: null,
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
  };
  const resubmitted = { ...ctx, application: { ...ctx.application, ...patch } };
  const event = resubmissionEvent(approversOf(resubmitted, { fallback: false }).length > 0);
  const committed = await commitApplicationTransition(deps, resubmitted, event, {
    actor: user.email ?? user.id,
    meta,
    patch,
  });
  return {
    application: await applicationRecord(deps.db, committed.application, ctx.applicant),
    outboxIds: committed.outboxIds,
  };
}

/** An application as its applicant or an administrator sees it; 404 for anyone else. */
export async function viewApplication(deps: Deps, id: string, viewer: User) {
  const ctx = await loadApplication(deps, id, viewer);
  return { ctx, record: await applicationRecord(deps.db, ctx.application, ctx.applicant) };
}

/** The user's own applications, newest first. */
export async function listUserApplications(db: Db, user: User): Promise<ApplicationRecord[]> {
  const rows = await db
    .select()
    .from(applications)
    .where(eq(applications.userId, user.id))
    .orderBy(desc(applications.createdAt));
  return withMemberships(
    db,
    rows.map((application) => ({ application, applicant: user })),
  );
}
