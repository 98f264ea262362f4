import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agencies, agencyDomains, type Agency, type User } from "../db/schema";
import { insertWhere, runBatch, type Statement } from "../db/guarded";
import { AppError, type FieldError } from "../errors";
import type { Db } from "../env";
import { newId } from "../lib/ids";
import { findMinistry } from "../lib/ministries";
import { agencyDomainList, getAgency } from "./agencies";
import { auditStatement } from "./audit";
import type { Deps, RequestMeta } from "./deps";
import { emailDomain, normalizeEmail } from "./mail-domains";

// The agency directory kept by DGA administrators. Every check lives here, so the JSON API,
// the admin pages and the CSV import refuse exactly the same things.

export interface Executive { name: string; position: string; email: string }
export interface Fallback { name: string; email: string }

/** What an administrator sets; `ministry` is a name or code (src/lib/ministries.ts). */
export interface AgencyFields {
  nameTh: string; nameEn: string; ministry: string; domains: string[];
  executive: Executive | null; delegateEmails: string[]; fallback: Fallback | null;
  fallbackAfterDays: number; reminderDays: number[]; approvalTtlDays: number;
  reviewRequired: boolean; strongerApproval: boolean;
}
export type AgencyInput = Pick<AgencyFields, "nameTh" | "nameEn" | "ministry" | "domains"> & Partial<AgencyFields>;
export type AgencyPatch = Partial<AgencyFields>;

/** An agency as the admin API shows it. */
export interface AgencyDetail extends Omit<AgencyFields, "ministry"> {
  id: string;
  ministryTh: string | null;
  ministryEn: string | null;
  createdAt: string;
  updatedAt: string;
}
export type AgencyState = Omit<AgencyDetail, "id" | "createdAt" | "updatedAt">;

export const EMPTY_AGENCY: AgencyState = {
  nameTh: "", nameEn: "", ministryTh: null, ministryEn: null, domains: [], executive: null, delegateEmails: [], fallback: null,
  fallbackAfterDays: 5, reminderDays: [3, 7], approvalTtlDays: 14, reviewRequired: false, strongerApproval: false,
};

const M = {
  name: "กรุณากรอกชื่อ (ไม่เกิน 300 ตัวอักษร) / A name of 1–300 characters is required",
  text: "กรุณากรอกข้อมูล (ไม่เกิน 200 ตัวอักษร) / Required, at most 200 characters",
  ministry: "ไม่รู้จักกระทรวงนี้ / Unknown ministry",
  noDomain: "ต้องมีโดเมนอย่างน้อยหนึ่งโดเมน / At least one domain is required",
  domain: "ชื่อโดเมนไม่ถูกต้อง / Not a valid domain name",
  email: "อีเมลไม่ถูกต้อง / Not a valid e-mail address",
  tooMany: "มากเกินไป / Too many entries",
  days: (max: number) => `ต้องเป็นจำนวนเต็ม 1–${max} / A whole number from 1 to ${max}`,
  flag: "ต้องเป็นจริงหรือเท็จ / Must be true or false",
  taken: "โดเมนนี้เป็นของหน่วยงานอื่นแล้ว / This domain belongs to another agency",
  nameTaken: "มีหน่วยงานชื่อนี้แล้ว / An agency with this Thai name already exists",
  notGov: "ต้องเป็นอีเมลหน่วยงานรัฐ / Must be a government e-mail address",
};

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A lower-case DNS host name with a top-level domain, e.g. `nso.go.th`. */
export function isDomainName(value: string): boolean {
  return DOMAIN.test(value);
}

function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  return at > 0 && value.length <= 254 && !/[\s<>(),;:"]/.test(value) && isDomainName(value.slice(at + 1));
}

const isDays = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
const cleanText = (s: string) => s.trim().replace(/\s+/g, " ");

/**
 * Applies a patch to an agency's state, normalising it (trimmed names, lower-case domains and
 * addresses, sorted reminder days), and lists every problem that needs no database.
 */
export function applyAgencyPatch(base: AgencyState, patch: AgencyPatch): { state: AgencyState; errors: FieldError[] } {
  const s: AgencyState = { ...base };
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const text = (path: string, value: string, max = 200) => {
    const v = cleanText(value);
    if (!v || v.length > max) fail(path, max === 300 ? M.name : M.text);
    return v;
  };
  const email = (path: string, value: string) => {
    const v = normalizeEmail(value);
    if (!isEmailAddress(v)) fail(path, M.email);
    return v;
  };
  if (patch.nameTh !== undefined) s.nameTh = text("nameTh", patch.nameTh, 300);
  if (patch.nameEn !== undefined) s.nameEn = text("nameEn", patch.nameEn, 300);
  if (patch.ministry !== undefined) {
    const ministry = findMinistry(patch.ministry);
    if (ministry) Object.assign(s, { ministryTh: ministry.th, ministryEn: ministry.en });
    else fail("ministry", M.ministry);
  }
  if (patch.domains !== undefined) {
    const domains = patch.domains.map((d) => d.trim().toLowerCase());
    domains.forEach((d, i) => !isDomainName(d) && fail(`domains.${i}`, `${M.domain}: ${d}`));
    s.domains = [...new Set(domains)];
    if (s.domains.length === 0) fail("domains", M.noDomain);
    if (s.domains.length > 20) fail("domains", M.tooMany);
  }
  if (patch.executive !== undefined) {
    const e = patch.executive;
    s.executive = e && { name: text("executive.name", e.name), position: text("executive.position", e.position), email: email("executive.email", e.email) };
  }
  if (patch.delegateEmails !== undefined) {
    s.delegateEmails = [...new Set(patch.delegateEmails.map((e, i) => email(`delegateEmails.${i}`, e)))];
    if (s.delegateEmails.length > 10) fail("delegateEmails", M.tooMany);
  }
  if (patch.fallback !== undefined) {
    const f = patch.fallback;
    s.fallback = f && { name: text("fallback.name", f.name), email: email("fallback.email", f.email) };
  }
  for (const [field, max] of [["fallbackAfterDays", 30], ["approvalTtlDays", 60]] as const) {
    if (patch[field] === undefined) continue;
    if (isDays(patch[field], max)) s[field] = patch[field];
    else fail(field, M.days(max));
  }
  if (patch.reminderDays !== undefined) {
    patch.reminderDays.forEach((d, i) => !isDays(d, 60) && fail(`reminderDays.${i}`, M.days(60)));
    s.reminderDays = [...new Set(patch.reminderDays)].sort((a, b) => a - b);
    if (s.reminderDays.length > 10) fail("reminderDays", M.tooMany);
  }
  for (const field of ["reviewRequired", "strongerApproval"] as const) {
    if (patch[field] === undefined) continue;
    if (typeof patch[field] === "boolean") s[field] = patch[field];
    else fail(field, M.flag);
  }
  return { state: s, errors };
}

/** Which agency owns each of these domains (absent: none). */
export async function domainOwners(db: Db, domains: string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const unique = [...new Set(domains)];
  for (let i = 0; i < unique.length; i += 90) {
    const rows = await db.select().from(agencyDomains).where(inArray(agencyDomains.domain, unique.slice(i, i + 90)));
    for (const row of rows) owners.set(row.domain, row.agencyId);
  }
  return owners;
}

/** The addresses of an agency's approvers, each with its field path. */
export function approverEmails(state: AgencyState): [string, string][] {
  return [
    ...(state.executive ? [["executive.email", state.executive.email] as [string, string]] : []),
    ...state.delegateEmails.map((e, i): [string, string] => [`delegateEmails.${i}`, e]),
    ...(state.fallback ? [["fallback.email", state.fallback.email] as [string, string]] : []),
  ];
}

/**
 * A government address for this agency: on one of its (new) domains, on another agency's, or on a
 * shared government mail domain; like isGovernmentEmail, but not on a domain the agency gives up.
 */
export function isGovernmentFor(email: string, state: AgencyState, owners: Map<string, string>, shared: string[], agencyId: string | null): boolean {
  const domain = emailDomain(email);
  const owner = owners.get(domain);
  return shared.includes(domain) || state.domains.includes(domain) || (owner !== undefined && owner !== agencyId);
}

/** The database's objections: domains of another agency, a name in use, non-government approvers. */
async function checkDirectory(deps: Deps, agencyId: string | null, state: AgencyState, nameChanged: boolean): Promise<void> {
  const emails = approverEmails(state);
  const owners = await domainOwners(deps.db, [...state.domains, ...emails.map(([, e]) => emailDomain(e))]);
  const taken = state.domains.filter((d) => owners.has(d) && owners.get(d) !== agencyId).map((d) => ({ path: `domains.${state.domains.indexOf(d)}`, message: `${M.taken}: ${d}` }));
  if (taken.length) throw new AppError("conflict", "โดเมนเป็นของหน่วยงานอื่นแล้ว / A domain belongs to another agency.", { errors: taken });
  if (nameChanged) {
    const [same] = await deps.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.nameTh, state.nameTh)).limit(1);
    if (same && same.id !== agencyId) throw new AppError("conflict", "มีหน่วยงานชื่อนี้แล้ว / An agency with this name exists.", { errors: [{ path: "nameTh", message: M.nameTaken }] });
  }
  const outside = emails.filter(([, e]) => !isGovernmentFor(e, state, owners, deps.config.sharedMailDomains, agencyId));
  if (outside.length) throw new AppError("email_domain_not_allowed", "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ / Approvers need a government e-mail.", { errors: outside.map(([path]) => ({ path, message: M.notGov })) });
}

/** The columns of an agency row for a state. */
export function agencyColumns(state: AgencyState) {
  return {
    nameTh: state.nameTh, nameEn: state.nameEn, ministryTh: state.ministryTh, ministryEn: state.ministryEn,
    executiveName: state.executive?.name ?? null, executivePosition: state.executive?.position ?? null, executiveEmail: state.executive?.email ?? null,
    reviewRequired: state.reviewRequired, strongerApproval: state.strongerApproval, delegateEmails: JSON.stringify(state.delegateEmails),
    fallbackName: state.fallback?.name ?? null, fallbackEmail: state.fallback?.email ?? null, fallbackAfterDays: state.fallbackAfterDays,
    reminderDays: JSON.stringify(state.reminderDays), approvalTtlDays: state.approvalTtlDays,
  };
}

function jsonList<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function agencyState(a: Agency, domains: string[]): AgencyState {
  return {
    nameTh: a.nameTh, nameEn: a.nameEn, ministryTh: a.ministryTh, ministryEn: a.ministryEn, domains: [...domains].sort(),
    executive: a.executiveEmail ? { name: a.executiveName ?? "", position: a.executivePosition ?? "", email: a.executiveEmail } : null,
    delegateEmails: jsonList<string>(a.delegateEmails), fallback: a.fallbackEmail ? { name: a.fallbackName ?? "", email: a.fallbackEmail } : null,
    fallbackAfterDays: a.fallbackAfterDays, reminderDays: jsonList<number>(a.reminderDays), approvalTtlDays: a.approvalTtlDays,
    reviewRequired: a.reviewRequired, strongerApproval: a.strongerApproval,
  };
}

const detail = (a: Agency, domains: string[]): AgencyDetail => ({
  id: a.id, ...agencyState(a, domains), createdAt: new Date(a.createdAt).toISOString(), updatedAt: new Date(a.updatedAt).toISOString(),
});

export const actorOf = (admin: User) => `admin:${admin.email ?? admin.id}`;

/** Runs an agency batch; a domain another request took meanwhile is a 409, with nothing written. */
export async function commitAgencyBatch(db: Db, statements: Statement[]): Promise<unknown[][]> {
  try {
    return await runBatch(db, statements);
  } catch (error) {
    if (/UNIQUE constraint failed: agency_domains/i.test(String(error))) throw new AppError("conflict", "โดเมนเป็นของหน่วยงานอื่นแล้ว / A domain belongs to another agency.");
    throw error;
  }
}

export async function getAgencyDetail(db: Db, id: string): Promise<AgencyDetail> {
  return detail(await getAgency(db, id), await agencyDomainList(db, id));
}

/** Every agency, by Thai name, with its domains and policies. */
export async function listAgencyDetails(db: Db): Promise<AgencyDetail[]> {
  const [rows, domains] = await Promise.all([db.select().from(agencies).orderBy(asc(agencies.nameTh)), db.select().from(agencyDomains)]);
  const byAgency = new Map<string, string[]>();
  for (const d of domains) byAgency.set(d.agencyId, [...(byAgency.get(d.agencyId) ?? []), d.domain]);
  return rows.map((a) => detail(a, byAgency.get(a.id) ?? []));
}

const invalid = (errors: FieldError[]) => new AppError("invalid_request", "ข้อมูลหน่วยงานไม่ถูกต้อง / The agency is not valid.", { errors });

export async function createAgencyEntry(deps: Deps, admin: User, input: AgencyInput, meta: RequestMeta): Promise<AgencyDetail> {
  const { state, errors } = applyAgencyPatch(EMPTY_AGENCY, { ...input, nameTh: input.nameTh ?? "", nameEn: input.nameEn ?? "", ministry: input.ministry ?? "", domains: input.domains ?? [] });
  if (errors.length) throw invalid(errors);
  await checkDirectory(deps, null, state, true);
  const id = newId("agc");
  const now = deps.clock.now();
  await commitAgencyBatch(deps.db, [
    deps.db.insert(agencies).values({ id, ...agencyColumns(state), createdAt: now, updatedAt: now }),
    ...state.domains.map((domain) => deps.db.insert(agencyDomains).values({ domain, agencyId: id })),
    auditStatement(deps.db, { actor: actorOf(admin), action: "agency.created", subject: `agency:${id}`, detail: { agency: state } }, now, meta),
  ]);
  return getAgencyDetail(deps.db, id);
}

/** Changes some fields (domains replace the list); nothing is written when nothing changes. */
export async function updateAgencyEntry(deps: Deps, admin: User, id: string, patch: AgencyPatch, meta: RequestMeta): Promise<AgencyDetail> {
  const agency = await getAgency(deps.db, id);
  const before = agencyState(agency, await agencyDomainList(deps.db, id));
  const { state, errors } = applyAgencyPatch(before, patch);
  if (errors.length) throw invalid(errors);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const after = { ...state, domains: [...state.domains].sort() };
  for (const key of Object.keys(after) as (keyof AgencyState)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return detail(agency, before.domains);
  await checkDirectory(deps, id, state, "nameTh" in changes);
  // A stamp no earlier writer used: the later statements run only if this update's CAS won.
  const stamp = Math.max(deps.clock.now(), agency.updatedAt + 1);
  const applied = sql`EXISTS (SELECT 1 FROM agencies WHERE id = ${id} AND updated_at = ${stamp})`;
  const domainStatements = "domains" in changes
    ? [deps.db.delete(agencyDomains).where(and(eq(agencyDomains.agencyId, id), applied)), ...state.domains.map((domain) => insertWhere(deps.db, agencyDomains, { domain, agencyId: id }, applied))]
    : [];
  const [cas] = await commitAgencyBatch(deps.db, [
    deps.db.update(agencies).set({ ...agencyColumns(state), updatedAt: stamp }).where(and(eq(agencies.id, id), eq(agencies.updatedAt, agency.updatedAt))).returning({ id: agencies.id }),
    ...domainStatements,
    auditStatement(deps.db, { actor: actorOf(admin), action: "agency.updated", subject: `agency:${id}`, detail: { changes } }, stamp, meta, applied),
  ]);
  if ((cas ?? []).length === 0) throw new AppError("conflict", "ข้อมูลหน่วยงานถูกแก้ไขพร้อมกัน กรุณาโหลดใหม่ / The agency changed meanwhile; reload and try again.");
  return getAgencyDetail(deps.db, id);
}
