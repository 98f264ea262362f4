import { contains } from "../../db/paging";
import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { agencies, agencyDomains, type Agency } from "../../db/schema";
import { AppError } from "../../errors";
import type { Db } from "../../env";

export interface AgencyView {
  id: string;
  nameTh: string;
  nameEn: string;
  domains: string[];
  reviewRequired: boolean;
}

async function domainsOf(db: Db, agencyIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < agencyIds.length; i += 90) {
    const rows = await db
      .select()
      .from(agencyDomains)
      .where(inArray(agencyDomains.agencyId, agencyIds.slice(i, i + 90)))
      .orderBy(asc(agencyDomains.domain));
    for (const row of rows) map.set(row.agencyId, [...(map.get(row.agencyId) ?? []), row.domain]);
  }
  return map;
}

/** Agencies whose Thai or English name or one of whose domains contains `q`; no condition when `q` is empty. */
export function agencyMatches(q: string | null | undefined): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  return or(
    contains(agencies.nameTh, term),
    contains(agencies.nameEn, term),
    sql`EXISTS (SELECT 1 FROM agency_domains d WHERE d.agency_id = ${agencies.id} AND ${contains(sql.raw("d.domain"), term)})`,
  );
}

/** Agencies whose Thai or English name or a domain contains `q` (all when empty). */
export async function listAgencies(db: Db, q: string | null): Promise<AgencyView[]> {
  const rows = await db.select().from(agencies).where(agencyMatches(q)).orderBy(asc(agencies.nameEn));
  const domains = await domainsOf(
    db,
    rows.map((a) => a.id),
  );
  return rows.map((a) => ({
    id: a.id,
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    domains: domains.get(a.id) ?? [],
    reviewRequired: a.reviewRequired,
  }));
}

/** The agencies an official may apply to, each marked with whether its executive is on file. */
export async function listAgencyChoices(db: Db): Promise<(AgencyView & { hasExecutive: boolean })[]> {
  const [list, executives] = await Promise.all([
    listAgencies(db, null),
    db.select({ id: agencies.id, executiveEmail: agencies.executiveEmail }).from(agencies),
  ]);
  const withExecutive = new Set(executives.filter((a) => a.executiveEmail).map((a) => a.id));
  return list.map((a) => ({ ...a, hasExecutive: withExecutive.has(a.id) }));
}

/** An agency's row; 404 when there is none. */
export async function getAgency(db: Db, id: string): Promise<Agency> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  if (!agency) throw new AppError("not_found", { th: "ไม่พบหน่วยงานนี้", en: "No such agency." });
  return agency;
}

export async function agencyDomainList(db: Db, agencyId: string): Promise<string[]> {
  return (await domainsOf(db, [agencyId])).get(agencyId) ?? [];
}

/** Every agency's id and Thai name, by Thai name (for a choice list). */
export async function agencyNames(db: Db): Promise<{ id: string; nameTh: string; nameEn: string }[]> {
  return db
    .select({ id: agencies.id, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .orderBy(asc(agencies.nameTh));
}
