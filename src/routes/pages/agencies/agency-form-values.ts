import { isBlank, listItems, wholeNumber } from "../../../lib/fields";
import { findMinistry } from "../../../lib/ministries";
import type { AgencyInput, AgencyState } from "../../../services/agencies/directory";
import type { AgencyFormValues } from "../../../views/agencies/agency-form-page";

// The agency form's values: from a saved agency, from a post, and as the service's input.

const words = listItems;
const lines = (list: (string | number)[]) => list.join("\n");
// Not a whole number: NaN, which the agency rules refuse with the field's own message.
const optionalNumber = (text: string) => (isBlank(text) ? undefined : (wholeNumber(text.trim()) ?? Number.NaN));

/** The form's values of a saved agency. */
export function valuesOf(a: AgencyState): AgencyFormValues {
  return {
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    ministry: findMinistry(a.ministryTh)?.code ?? "",
    domains: lines(a.domains),
    executiveName: a.executive?.name ?? "",
    executivePosition: a.executive?.position ?? "",
    executiveEmail: a.executive?.email ?? "",
    delegateEmails: lines(a.delegateEmails),
    fallbackName: a.fallback?.name ?? "",
    fallbackEmail: a.fallback?.email ?? "",
    fallbackAfterDays: String(a.fallbackAfterDays),
    reminderDays: a.reminderDays.join(", "),
    approvalTtlDays: String(a.approvalTtlDays),
    reviewRequired: a.reviewRequired,
    strongerApproval: a.strongerApproval,
    ckanOrganization: a.ckanOrganization ?? "",
  };
}

/** The form's values as posted. */
export function formValues(form: Record<string, string>): AgencyFormValues {
  const get = (name: string) => form[name] ?? "";
  return {
    nameTh: get("nameTh"),
    nameEn: get("nameEn"),
    ministry: get("ministry"),
    domains: get("domains"),
    executiveName: get("executiveName"),
    executivePosition: get("executivePosition"),
    executiveEmail: get("executiveEmail"),
    delegateEmails: get("delegateEmails"),
    fallbackName: get("fallbackName"),
    fallbackEmail: get("fallbackEmail"),
    fallbackAfterDays: get("fallbackAfterDays"),
    reminderDays: get("reminderDays"),
    approvalTtlDays: get("approvalTtlDays"),
    reviewRequired: form.reviewRequired === "true",
    strongerApproval: form.strongerApproval === "true",
    ckanOrganization: get("ckanOrganization"),
  };
}

/** The service's input for a form: every field, empty groups as "none". */
export function inputOf(v: AgencyFormValues): AgencyInput {
  const executive = [v.executiveName, v.executivePosition, v.executiveEmail];
  return {
    nameTh: v.nameTh,
    nameEn: v.nameEn,
    ministry: v.ministry,
    domains: words(v.domains),
    executive: executive.some((s) => !isBlank(s))
      ? { name: v.executiveName, position: v.executivePosition, email: v.executiveEmail }
      : null,
    delegateEmails: words(v.delegateEmails),
    fallback:
      !isBlank(v.fallbackName) || !isBlank(v.fallbackEmail) ? { name: v.fallbackName, email: v.fallbackEmail } : null,
    fallbackAfterDays: optionalNumber(v.fallbackAfterDays),
    reminderDays: words(v.reminderDays).map((d) => wholeNumber(d) ?? Number.NaN),
    approvalTtlDays: optionalNumber(v.approvalTtlDays),
    reviewRequired: v.reviewRequired,
    strongerApproval: v.strongerApproval,
    ckanOrganization: v.ckanOrganization.trim() || null,
  };
}
