import { eq } from "drizzle-orm";
import { emailIdentities, type Agency, type Application, type User } from "../db/schema";
import type { Db } from "../env";

/**
 * An application with what its transitions need: its agency, its applicant, and every verified
 * address of the applicant (nobody decides on their own application, whichever address the
 * approver list names).
 */
export interface ApplicationContext {
  application: Application;
  agency: Agency;
  applicant: User;
  applicantEmails: string[];
}

/** Every verified address of a user, lower-case. */
export async function verifiedEmailsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ email: emailIdentities.email })
    .from(emailIdentities)
    .where(eq(emailIdentities.userId, userId));
  return rows.map((r) => r.email);
}
