import type * as v from "valibot";
import type { AgencyView } from "../../services/agencies/agency";
import type { AgencyRecord } from "../../services/agencies/directory";
import type { AgencyDetailJson, AgencyJson } from "./schemas";

/** An agency in the public directory (its schema: AgencyJson). */
export function agencyJson(a: AgencyView) {
  return {
    id: a.id,
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    domains: a.domains,
    reviewRequired: a.reviewRequired,
  } satisfies v.InferOutput<typeof AgencyJson>;
}

/** An agency with every field, for administrators (its schema: AgencyDetailJson). */
export function agencyDetailJson(a: AgencyRecord) {
  return {
    id: a.id,
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    ministryTh: a.ministryTh,
    ministryEn: a.ministryEn,
    domains: a.domains,
    executive: a.executive,
    delegateEmails: a.delegateEmails,
    fallback: a.fallback,
    fallbackAfterDays: a.fallbackAfterDays,
    reminderDays: a.reminderDays,
    approvalTtlDays: a.approvalTtlDays,
    reviewRequired: a.reviewRequired,
    strongerApproval: a.strongerApproval,
    ckanOrganization: a.ckanOrganization,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  } satisfies v.InferOutput<typeof AgencyDetailJson>;
}
