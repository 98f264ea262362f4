import { and, asc, eq, inArray } from "drizzle-orm";

import { agencies, agencyDomains, type User } from "../../db/schema";
import { insertWhere, runBatch, transitionApplied, type Statement } from "../../db/guarded";
import { AppError, type FieldError } from "../../errors";
import type { Db } from "../../env";
import { newId } from "../../lib/ids";
import { agencyDomainList, agencyMatches, getAgency } from "./agency";
import { approverChangeStatements } from "../../workflow/approver-changes";
import { auditStatement, actorOf } from "../../db/statements/audit";
import { remappingStatements } from "../portal/ckan-mapping";
import type { Deps, RequestMeta } from "../../deps";
import { emailDomain } from "./mail-domains";
import { agencyColumns, agencyRecord, agencyState } from "./agency-state";

// The agency directory kept by DGA administrators: reads and atomic writes. The field rules are
// in agency-validation.ts; the database's own objections (domains taken, names in use) are here.

export * from "./validation";
import {
  EMPTY_AGENCY,
  M,
  applyAgencyPatch,
  approverEmails,
  domainOwners,
  isGovernmentFor,
  type AgencyRecord,
  type AgencyInput,
  type AgencyPatch,
  type AgencyState,
} from "./validation";

/** The database's objections: domains of another agency, a name in use, non-government approvers. */
async function checkDirectory(
  deps: Deps,
  agencyId: string | null,
  state: AgencyState,
  nameChanged: boolean,
): Promise<void> {
  const emails = approverEmails(state);
  const owners = await domainOwners(deps.db, [...state.domains, ...emails.map(([, e]) => emailDomain(e))]);
  const taken = state.domains
    .filter((d) => owners.has(d) && owners.get(d) !== agencyId)
    .map((d) => ({ path: `domains.${state.domains.indexOf(d)}`, message: `${M.taken}: ${d}` }));
  if (taken.length)
    throw new AppError(
      "conflict",
      { th: "โดเมนเป็นของหน่วยงานอื่นแล้ว", en: "A domain belongs to another agency." },
      { errors: taken },
    );
  // A shared government mail domain (mail.go.th) names no agency: its users belong to many.
  const shared = state.domains
    .filter((d) => deps.config.sharedMailDomains.includes(d))
    .map((d) => ({ path: `domains.${state.domains.indexOf(d)}`, message: `${M.shared}: ${d}` }));
  if (shared.length)
    throw new AppError(
      "invalid_request",
      {
        th: "โดเมนอีเมลกลางภาครัฐ (เช่น mail.go.th) ไม่ใช่โดเมนของหน่วยงานใดหน่วยงานหนึ่ง",
        en: "A shared government mail domain (such as mail.go.th) is not one agency's domain.",
      },
      { errors: shared },
    );
  if (nameChanged) {
    const [same] = await deps.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.nameTh, state.nameTh))
      .limit(1);
    if (same && same.id !== agencyId)
      throw new AppError(
        "conflict",
        { th: "มีหน่วยงานชื่อนี้แล้ว", en: "An agency with this name exists." },
        {
          errors: [{ path: "nameTh", message: M.nameTaken }],
        },
      );
  }
  const outside = emails.filter(
    ([, e]) => !isGovernmentFor(e, { state, owners, shared: deps.config.sharedMailDomains, agencyId }),
  );
  if (outside.length)
    throw new AppError(
      "email_domain_not_allowed",
      { th: "ผู้อนุมัติต้องใช้อีเมลหน่วยงานรัฐ", en: "Approvers need a government e-mail." },
      {
        errors: outside.map(([path]) => ({ path, message: M.notGov })),
      },
    );
}

/** Runs an agency batch; a domain or Thai name another request took meanwhile is a 409, with nothing written. */
export async function commitAgencyBatch(db: Db, statements: Statement[]): Promise<unknown[][]> {
  try {
    return await runBatch(db, statements);
  } catch (error) {
    if (/UNIQUE constraint failed: agency_domains/i.test(String(error)))
      throw new AppError("conflict", { th: "โดเมนเป็นของหน่วยงานอื่นแล้ว", en: "A domain belongs to another agency." });
    if (/UNIQUE constraint failed: agencies\.name_th/i.test(String(error)))
      throw new AppError("conflict", { th: "มีหน่วยงานชื่อนี้แล้ว", en: "An agency with this name exists." });
    throw error;
  }
}

/** An agency with every field; 404 when there is none. */
export async function getAgencyRecord(db: Db, id: string): Promise<AgencyRecord> {
  return agencyRecord(await getAgency(db, id), await agencyDomainList(db, id));
}

/** Agencies per page of the directory. */
export const AGENCIES_PER_PAGE = 50;

/**
 * One page (1-based) of the directory, by Thai name, with domains and policies; `q` matches a
 * Thai or English name or a domain. Returns the page and whether another follows.
 */
export async function listAgencyRecords(
  db: Db,
  { q, page }: { q: string | null; page: number },
): Promise<{ agencies: AgencyRecord[]; hasNext: boolean }> {
  const rows = await db
    .select()
    .from(agencies)
    .where(agencyMatches(q))
    .orderBy(asc(agencies.nameTh), asc(agencies.id))
    .limit(AGENCIES_PER_PAGE + 1)
    .offset((Math.max(1, page) - 1) * AGENCIES_PER_PAGE);
  const shown = rows.slice(0, AGENCIES_PER_PAGE);
  const domains = shown.length
    ? await db
        .select()
        .from(agencyDomains)
        .where(
          inArray(
            agencyDomains.agencyId,
            shown.map((a) => a.id),
          ),
        )
    : [];
  const byAgency = new Map<string, string[]>();
  for (const d of domains) byAgency.set(d.agencyId, [...(byAgency.get(d.agencyId) ?? []), d.domain]);
  return {
    agencies: shown.map((a) => agencyRecord(a, byAgency.get(a.id) ?? [])),
    hasNext: rows.length > AGENCIES_PER_PAGE,
  };
}

const invalid = (errors: FieldError[]) =>
  new AppError("invalid_request", { th: "ข้อมูลหน่วยงานไม่ถูกต้อง", en: "The agency is not valid." }, { errors });

export async function createAgencyEntry(
  deps: Deps,
  admin: User,
  input: AgencyInput,
  meta: RequestMeta,
): Promise<AgencyRecord> {
  const { state, errors } = applyAgencyPatch(EMPTY_AGENCY, {
    ...input,
    nameTh: input.nameTh ?? "",
    nameEn: input.nameEn ?? "",
    ministry: input.ministry ?? "",
    domains: input.domains ?? [],
  });
  if (errors.length) throw invalid(errors);
  await checkDirectory(deps, null, state, true);
  const id = newId("agc");
  const now = deps.clock.now();
  await commitAgencyBatch(deps.db, [
    deps.db.insert(agencies).values({ id, ...agencyColumns(state), createdAt: now, updatedAt: now }),
    ...state.domains.map((domain) => deps.db.insert(agencyDomains).values({ domain, agencyId: id })),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "agency.created",
      subject: `agency:${id}`,
      detail: { agency: state },
      at: now,
      meta,
    }),
  ]);
  return getAgencyRecord(deps.db, id);
}

const APPROVER_FIELDS: (keyof AgencyState)[] = ["executive", "delegateEmails", "fallback"];

/**
 * Changes some fields (domains replace the list); nothing is written when nothing changes. When
 * the approvers change, the applications waiting for them follow in the same batch (see
 * approverChangeStatements): old approvers' links die, new approvers get theirs.
 * Returns the agency and the e-mails to deliver. Throws 400, 409 `conflict`, 422.
 */
export async function updateAgencyEntry(
  deps: Deps,
  admin: User,
  id: string,
  patch: AgencyPatch,
  meta: RequestMeta,
): Promise<{ agency: AgencyRecord; outboxIds: string[] }> {
  const agency = await getAgency(deps.db, id);
  const before = agencyState(agency, await agencyDomainList(deps.db, id));
  const { state, errors } = applyAgencyPatch(before, patch);
  if (errors.length) throw invalid(errors);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const after = { ...state, domains: [...state.domains].sort() };
  for (const key of Object.keys(after) as (keyof AgencyState)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return { agency: agencyRecord(agency, before.domains), outboxIds: [] };
  await checkDirectory(deps, id, state, "nameTh" in changes);
  // A stamp later than the one read (the "agency unchanged" checks of applications compare it);
  // the later statements run only if this update's CAS won, which its transition id proves.
  const stamp = Math.max(deps.clock.now(), agency.updatedAt + 1);
  const transitionId = newId("tx");
  const applied = transitionApplied("agencies", id, transitionId);
  const domainStatements =
    "domains" in changes
      ? [
          deps.db.delete(agencyDomains).where(and(eq(agencyDomains.agencyId, id), applied)),
          ...state.domains.map((domain) => insertWhere(deps.db, agencyDomains, { domain, agencyId: id }, applied)),
        ]
      : [];
  const approvers = APPROVER_FIELDS.some((field) => field in changes)
    ? await approverChangeStatements(deps, {
        agency: { ...agency, ...agencyColumns(state), updatedAt: stamp },
        applied,
        actor: actorOf(admin),
        meta,
      })
    : { statements: [], outboxIds: [], applications: [] };
  const remapped = remappingStatements(deps, {
    agencyId: id,
    from: before.ckanOrganization,
    to: after.ckanOrganization,
    now: stamp,
    guard: applied,
  });
  const [cas] = await commitAgencyBatch(deps.db, [
    deps.db
      .update(agencies)
      .set({ ...agencyColumns(state), updatedAt: stamp, transitionId })
      .where(and(eq(agencies.id, id), eq(agencies.updatedAt, agency.updatedAt)))
      .returning({ id: agencies.id }),
    ...domainStatements,
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "agency.updated",
      subject: `agency:${id}`,
      detail: { changes, ...(approvers.applications.length ? { applicationsUpdated: approvers.applications } : {}) },
      at: stamp,
      meta,
      guard: applied,
    }),
    ...approvers.statements,
    ...remapped,
  ]);
  if ((cas ?? []).length === 0)
    throw new AppError("conflict", {
      th: "ข้อมูลหน่วยงานถูกแก้ไขพร้อมกัน กรุณาโหลดใหม่",
      en: "The agency changed meanwhile; reload and try again.",
    });
  return { agency: await getAgencyRecord(deps.db, id), outboxIds: approvers.outboxIds };
}
