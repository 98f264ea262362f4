import { eq } from "drizzle-orm";
import { agencyDomains } from "../../db/schema";
import type { Config, Db } from "../../env";

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A government address: a shared government mail domain or one of an agency's domains. */
export async function isGovernmentEmail(db: Db, config: Config, email: string): Promise<boolean> {
  const domain = emailDomain(email);
  if (config.sharedMailDomains.includes(domain)) return true;
  const [row] = await db
    .select({ domain: agencyDomains.domain })
    .from(agencyDomains)
    .where(eq(agencyDomains.domain, domain))
    .limit(1);
  return row !== undefined;
}
