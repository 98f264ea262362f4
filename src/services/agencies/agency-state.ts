import type { Agency } from "../../db/schema";
import type { AgencyRecord, AgencyState } from "./validation";

// An agency row and the state the directory edits, both ways.

/** The columns of an agency row for a state. */
export function agencyColumns(state: AgencyState) {
  return {
    nameTh: state.nameTh,
    nameEn: state.nameEn,
    ministryTh: state.ministryTh,
    ministryEn: state.ministryEn,
    executiveName: state.executive?.name ?? null,
    executivePosition: state.executive?.position ?? null,
    executiveEmail: state.executive?.email ?? null,
    reviewRequired: state.reviewRequired,
    strongerApproval: state.strongerApproval,
    delegateEmails: JSON.stringify(state.delegateEmails),
    fallbackName: state.fallback?.name ?? null,
    fallbackEmail: state.fallback?.email ?? null,
    fallbackAfterDays: state.fallbackAfterDays,
    reminderDays: JSON.stringify(state.reminderDays),
    approvalTtlDays: state.approvalTtlDays,
    ckanOrganization: state.ckanOrganization,
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
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    ministryTh: a.ministryTh,
    ministryEn: a.ministryEn,
    domains: [...domains].sort(),
    executive: a.executiveEmail
      ? { name: a.executiveName ?? "", position: a.executivePosition ?? "", email: a.executiveEmail }
      : null,
    delegateEmails: jsonList<string>(a.delegateEmails),
    fallback: a.fallbackEmail ? { name: a.fallbackName ?? "", email: a.fallbackEmail } : null,
    fallbackAfterDays: a.fallbackAfterDays,
    reminderDays: jsonList<number>(a.reminderDays),
    approvalTtlDays: a.approvalTtlDays,
    reviewRequired: a.reviewRequired,
    strongerApproval: a.strongerApproval,
    ckanOrganization: a.ckanOrganization,
  };
}

export const agencyRecord = (a: Agency, domains: string[]): AgencyRecord => ({
  id: a.id,
  ...agencyState(a, domains),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});
