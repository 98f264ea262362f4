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

/**
 * The agency an address belongs to by its domain, to pre-select on the application form: the id
 * of the one agency whose domains include the address's domain; null when none or several do
 * (a shared domain such as mail.go.th names no agency).
 */
export function agencyOfEmail(
  agencies: { id: string; domains: string[] }[],
  email: string | null,
  sharedDomains: readonly string[],
): string | null {
  if (!email) return null;
  const domain = emailDomain(email);
  if (sharedDomains.includes(domain)) return null;
  const matches = agencies.filter((a) => a.domains.includes(domain));
  return matches.length === 1 ? matches[0]!.id : null;
}
