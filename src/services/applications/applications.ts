import { desc, eq, inArray, sql } from "drizzle-orm";
import { applications, users, type Application, type User } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { resubmissionEvent, storedStatuses, type PublicApplicationStatus } from "../../workflow/application-machine";
import { commitApplicationTransition } from "../../workflow/application-commit";
import { verifiedEmailsOf, type ApplicationContext } from "../../workflow/application-context";
import { approversOf } from "../../workflow/approval-links";
import { getAgency } from "../agencies/agency";
import type { Deps, RequestMeta } from "../../deps";
import type { ApplicationInput } from "./submit";

/** An application with the applicant's id and name: what the API and the pages show of it. */
export interface ApplicationRecord {
  application: Application;
  applicant: Pick<User, "id" | "name">;
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
    throw new AppError("not_found", "ไม่พบคำขอนี้ / No such application.");
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
    throw new AppError("forbidden", "ผู้ยื่นคำขอเท่านั้นที่ถอนได้ / Only the applicant can withdraw.");
  const committed = await commitApplicationTransition(deps, ctx, "WITHDRAWN", { actor: user.email ?? user.id, meta });
  return {
    application: { application: committed.application, applicant: ctx.applicant } satisfies ApplicationRecord,
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
    throw new AppError("forbidden", "ผู้ยื่นคำขอเท่านั้นที่ส่งใหม่ได้ / Only the applicant can resubmit.");
  const patch = {
    position: input.position ?? ctx.application.position,
    phone: input.phone ?? ctx.application.phone,
    reason: input.reason ?? ctx.application.reason,
    executiveDecidedAt: null,
    executiveDecidedBy: null,
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
    application: { application: committed.application, applicant: ctx.applicant } satisfies ApplicationRecord,
    outboxIds: committed.outboxIds,
  };
}

/** The user's own applications, newest first. */
export async function listUserApplications(db: Db, user: User): Promise<ApplicationRecord[]> {
  const rows = await db
    .select()
    .from(applications)
    .where(eq(applications.userId, user.id))
    .orderBy(desc(applications.createdAt));
  return rows.map((application) => ({ application, applicant: user }));
}

/** Every application (at most 500), newest first, optionally with one public status. */
export async function listAllApplications(
  db: Db,
  status: PublicApplicationStatus | null,
): Promise<ApplicationRecord[]> {
  const rows = await db
    .select({ application: applications, applicant: users })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(status ? inArray(applications.status, storedStatuses(status)) : undefined)
    .orderBy(desc(applications.createdAt), sql`applications.rowid DESC`)
    .limit(500);
  return rows;
}
