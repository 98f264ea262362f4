import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { agencies, applications, memberships, oneTimeTokens, users, type Application } from "../../src/db/schema";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import type { ApplicationContext } from "../../src/workflow/application-commit";
import type { ApplicationStatus } from "../../src/workflow/application-machine";
import { createAgency, db, unique } from "./fixtures";

export const NOW = Date.UTC(2026, 4, 1, 9, 0, 0);

/** Real dependencies on the test D1, with a fixed clock. */
export function workflowDeps(): Deps {
  return { ...buildDeps(env), clock: fixedClock(NOW) };
}

/**
 * An application row inserted directly in the given status (no service, no side rows), with
 * its agency and applicant: the context commitApplicationTransition takes.
 */
export async function applicationIn(
  status: ApplicationStatus,
  options: { version?: number; reviewRequired?: boolean; approverEmail?: string | null } = {},
): Promise<ApplicationContext> {
  const agencyFixture = await createAgency({ reviewRequired: options.reviewRequired ?? false });
  const userId = unique("usr_");
  const email = `${unique("u")}@${agencyFixture.domain}`;
  await db.insert(users).values({ id: userId, email, name: "ทดสอบ ผู้ยื่น", createdAt: NOW, updatedAt: NOW });
  const approverEmail = options.approverEmail === undefined ? agencyFixture.executiveEmail : options.approverEmail;
  const [application] = await db
    .insert(applications)
    .values({
      id: unique("app_"),
      userId,
      agencyId: agencyFixture.id,
      role: "steward",
      status,
      version: options.version ?? 0,
      applicantEmail: email,
      position: "นักวิเคราะห์",
      phone: "02 123 4567",
      reason: "publish datasets",
      approverName: approverEmail ? "ผู้อำนวยการ ทดสอบ" : null,
      approverEmail,
      submittedAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning();
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyFixture.id));
  const [applicant] = await db.select().from(users).where(eq(users.id, userId));
  return { application: application!, agency: agency!, applicant: applicant!, applicantEmails: [email] };
}

/** An unused approval link of the application, as the executive would hold it. */
export async function approvalTokenFor(application: Application): Promise<string> {
  const id = unique("otk_");
  await db.insert(oneTimeTokens).values({
    id,
    purpose: "approval",
    tokenHash: unique("hash"),
    email: application.approverEmail ?? "director@example.go.th",
    applicationId: application.id,
    expiresAt: NOW + 14 * 86_400_000,
    createdAt: NOW,
  });
  return id;
}

export async function applicationRow(id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row!;
}

export const membershipsOf = (applicationId: string) =>
  db.select().from(memberships).where(eq(memberships.applicationId, applicationId));
export const tokensOf = (applicationId: string) =>
  db.select().from(oneTimeTokens).where(eq(oneTimeTokens.applicationId, applicationId));
