import * as v from "valibot";
import { DomainName, singleLine } from "../../lib/fields";
import { EmailField, isoDate, text } from "../atoms";

// The agencies area's request and response schemas: validation and /openapi.json come from these.

export const AgencyQuery = v.object({ q: v.optional(singleLine(200, { optional: true })) });
export const AgencyJson = v.object({
  id: v.string(),
  nameTh: v.string(),
  nameEn: v.string(),
  domains: v.array(v.string()),
  reviewRequired: v.boolean(),
});
export const AgencyList = v.object({ agencies: v.array(AgencyJson) });
// Agency directory (administrators). The service checks the same limits for pages and CSV.
const AgencyDays = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const AgencyPerson = { name: text(200), email: EmailField };
export const AgencyCreateBody = v.object({
  nameTh: text(300),
  nameEn: text(300),
  ministry: v.pipe(text(200), v.description("Thai or English name, or code (e.g. MOI), of the ministry")),
  domains: v.pipe(v.array(DomainName), v.minLength(1), v.maxLength(20)),
  executive: v.optional(v.nullable(v.object({ ...AgencyPerson, position: text(200) }))),
  delegateEmails: v.optional(v.pipe(v.array(EmailField), v.maxLength(10))),
  fallback: v.optional(v.nullable(v.object(AgencyPerson))),
  fallbackAfterDays: v.optional(AgencyDays(30)),
  reminderDays: v.optional(v.pipe(v.array(AgencyDays(60)), v.maxLength(10))),
  approvalTtlDays: v.optional(AgencyDays(60)),
  reviewRequired: v.optional(v.boolean()),
  strongerApproval: v.optional(v.boolean()),
  ckanOrganization: v.optional(
    v.pipe(
      v.nullable(v.pipe(v.string(), v.maxLength(100))),
      v.description(
        "The CKAN organization's `name` (2–100 of a–z, 0–9, `-`, `_`) whose editors this agency's stewards become; null or empty: none",
      ),
    ),
  ),
});
export const AgencyUpdateBody = v.partial(AgencyCreateBody);
export const AgencyDetailJson = v.object({
  id: v.string(),
  nameTh: v.string(),
  nameEn: v.string(),
  ministryTh: v.nullable(v.string()),
  ministryEn: v.nullable(v.string()),
  domains: v.array(v.string()),
  executive: v.nullable(v.object({ name: v.string(), position: v.string(), email: v.string() })),
  delegateEmails: v.array(v.string()),
  fallback: v.nullable(v.object({ name: v.string(), email: v.string() })),
  fallbackAfterDays: v.number(),
  reminderDays: v.array(v.number()),
  approvalTtlDays: v.number(),
  reviewRequired: v.boolean(),
  strongerApproval: v.boolean(),
  ckanOrganization: v.nullable(v.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const AgencyDetailResponse = v.object({ agency: AgencyDetailJson });
export const AgencyImportQuery = v.object({ skipInvalid: v.optional(v.picklist(["true", "false"])) });
export const AgencyImportReport = v.object({
  imported: v.number(),
  skipped: v.number(),
  rows: v.array(
    v.object({
      line: v.number(),
      status: v.picklist(["imported", "invalid", "skipped"]),
      nameTh: v.string(),
      errors: v.array(v.object({ field: v.string(), message: v.string() })),
    }),
  ),
});
