import { inArray } from "drizzle-orm";
import { agencyDomains } from "../../db/schema";
import type { FieldError } from "../../errors";
import type { Db } from "../../env";
import { checkField, DomainName, EmailAddress, singleLine, TEXT_MESSAGES, textProblem } from "../../lib/fields";
import { findMinistry } from "../../lib/ministries";
import { emailDomain } from "./mail-domains";

// The rules an agency's fields obey, pure where possible: the JSON API, the admin pages and
// the CSV import all go through applyAgencyPatch, so they refuse exactly the same things.

export interface Executive {
  name: string;
  position: string;
  email: string;
}
export interface Fallback {
  name: string;
  email: string;
}

/** What an administrator sets; `ministry` is a name or code (src/lib/ministries.ts). */
export interface AgencyFields {
  nameTh: string;
  nameEn: string;
  ministry: string;
  domains: string[];
  executive: Executive | null;
  delegateEmails: string[];
  fallback: Fallback | null;
  fallbackAfterDays: number;
  reminderDays: number[];
  approvalTtlDays: number;
  reviewRequired: boolean;
  strongerApproval: boolean;
  /** The CKAN organization's `name` its stewards are made editors of (null: none). */
  ckanOrganization: string | null;
}
export type AgencyInput = Pick<AgencyFields, "nameTh" | "nameEn" | "ministry" | "domains"> & Partial<AgencyFields>;
export type AgencyPatch = Partial<AgencyFields>;

/** An agency with every field, as the directory keeps it (times in ms). */
export interface AgencyRecord extends Omit<AgencyFields, "ministry"> {
  id: string;
  ministryTh: string | null;
  ministryEn: string | null;
  createdAt: number;
  updatedAt: number;
}
export type AgencyState = Omit<AgencyRecord, "id" | "createdAt" | "updatedAt">;

export const EMPTY_AGENCY: AgencyState = {
  nameTh: "",
  nameEn: "",
  ministryTh: null,
  ministryEn: null,
  domains: [],
  executive: null,
  delegateEmails: [],
  fallback: null,
  fallbackAfterDays: 5,
  reminderDays: [3, 7],
  approvalTtlDays: 14,
  reviewRequired: false,
  strongerApproval: false,
  ckanOrganization: null,
};

export const M = {
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
  shared: "โดเมนอีเมลกลางภาครัฐ ใช้เป็นโดเมนของหน่วยงานไม่ได้ / A shared government mail domain cannot be an agency's",
  nameTaken: "มีหน่วยงานชื่อนี้แล้ว / An agency with this Thai name already exists",
  notGov: "ต้องเป็นอีเมลหน่วยงานรัฐ / Must be a government e-mail address",
  ckanName:
    "ชื่อองค์กรใน CKAN ใช้ได้เฉพาะ a–z ตัวเล็ก ตัวเลข - และ _ ยาว 2–100 ตัว / A CKAN organization name: 2–100 lower-case letters, digits, - or _",
};

/** CKAN's `name_validator`: 2–100 characters of lower-case letters, digits, `-` and `_`. */
const CKAN_NAME = /^[a-z0-9_-]{2,100}$/;

const isDays = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
const cleanText = (s: string) => s.trim().replace(/\s+/g, " ");

const NAME = singleLine(300);
const TEXT = singleLine(200);

/**
 * Applies a patch to an agency's state, normalising it (trimmed names, lower-case domains and
 * addresses, sorted reminder days), and lists every problem that needs no database. Text,
 * addresses and domains are checked with the JSON API's own field rules (src/lib/fields.ts).
 */
export function applyAgencyPatch(base: AgencyState, patch: AgencyPatch): { state: AgencyState; errors: FieldError[] } {
  const s: AgencyState = { ...base };
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const text = (path: string, value: string, max = 200) => {
    const checked = checkField(max === 300 ? NAME : TEXT, value);
    // Hygiene problems say what is wrong; the rest, how long the text may be.
    const hygiene: string[] = [TEXT_MESSAGES.control, TEXT_MESSAGES.surrogate];
    if (!checked.ok) fail(path, hygiene.includes(checked.message) ? checked.message : max === 300 ? M.name : M.text);
    return checked.ok ? cleanText(checked.value) : cleanText(String(value ?? ""));
  };
  const email = (path: string, value: string) => {
    const checked = checkField(EmailAddress, value);
    if (!checked.ok) fail(path, M.email);
    return checked.ok
      ? checked.value
      : String(value ?? "")
          .trim()
          .toLowerCase();
  };
  if (patch.nameTh !== undefined) s.nameTh = text("nameTh", patch.nameTh, 300);
  if (patch.nameEn !== undefined) s.nameEn = text("nameEn", patch.nameEn, 300);
  if (patch.ministry !== undefined) {
    const ministry = textProblem(patch.ministry, { multiLine: false }) ? null : findMinistry(patch.ministry);
    if (ministry) Object.assign(s, { ministryTh: ministry.th, ministryEn: ministry.en });
    else fail("ministry", M.ministry);
  }
  if (patch.domains !== undefined) {
    const domains = patch.domains.map((d, i) => {
      const checked = checkField(DomainName, d);
      if (!checked.ok) fail(`domains.${i}`, `${M.domain}: ${d}`);
      return checked.ok
        ? checked.value
        : String(d ?? "")
            .trim()
            .toLowerCase();
    });
    s.domains = [...new Set(domains)];
    if (s.domains.length === 0) fail("domains", M.noDomain);
    if (s.domains.length > 20) fail("domains", M.tooMany);
  }
  if (patch.executive !== undefined) {
    const e = patch.executive;
    s.executive = e && {
      name: text("executive.name", e.name),
      position: text("executive.position", e.position),
      email: email("executive.email", e.email),
    };
  }
  if (patch.delegateEmails !== undefined) {
    s.delegateEmails = [...new Set(patch.delegateEmails.map((e, i) => email(`delegateEmails.${i}`, e)))];
    if (s.delegateEmails.length > 10) fail("delegateEmails", M.tooMany);
  }
  if (patch.fallback !== undefined) {
    const f = patch.fallback;
    s.fallback = f && { name: text("fallback.name", f.name), email: email("fallback.email", f.email) };
  }
  for (const [field, max] of [
    ["fallbackAfterDays", 30],
    ["approvalTtlDays", 60],
  ] as const) {
    if (patch[field] === undefined) continue;
    if (isDays(patch[field], max)) s[field] = patch[field];
    else fail(field, M.days(max));
  }
  if (patch.reminderDays !== undefined) {
    patch.reminderDays.forEach((d, i) => !isDays(d, 60) && fail(`reminderDays.${i}`, M.days(60)));
    s.reminderDays = [...new Set(patch.reminderDays)].sort((a, b) => a - b);
    if (s.reminderDays.length > 10) fail("reminderDays", M.tooMany);
  }
  if (patch.ckanOrganization !== undefined) {
    const name = typeof patch.ckanOrganization === "string" ? patch.ckanOrganization.trim() : patch.ckanOrganization;
    if (name === null || name === "") s.ckanOrganization = null;
    else if (typeof name === "string" && CKAN_NAME.test(name)) s.ckanOrganization = name;
    else fail("ckanOrganization", M.ckanName);
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
    const rows = await db
      .select()
      .from(agencyDomains)
      .where(inArray(agencyDomains.domain, unique.slice(i, i + 90)));
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
export function isGovernmentFor(
  email: string,
  directory: {
    /** The agency as it will be after the change. */
    state: AgencyState;
    /** Domain -> owning agency id, for the domains in question. */
    owners: Map<string, string>;
    /** The shared government mail domains (configuration). */
    shared: string[];
    /** The agency's id; null for a new one. */
    agencyId: string | null;
  },
): boolean {
  const { state, owners, shared, agencyId } = directory;
  const domain = emailDomain(email);
  const owner = owners.get(domain);
  return shared.includes(domain) || state.domains.includes(domain) || (owner !== undefined && owner !== agencyId);
}
