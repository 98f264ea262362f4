import * as v from "valibot";
import { isoDate, nullableIso } from "../atoms";
import { multiLine } from "../../lib/fields";

// Request and response schemas of the portal's administration (CKAN provisioning).

/** CKAN's `name_validator`: 2–100 lower-case letters, digits, `-`, `_`. */
export const CkanName = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9_-]{2,100}$/, "ชื่อองค์กรใน CKAN / a CKAN organization name (a–z, 0–9, -, _; 2–100)"),
);
export const OrganizationParam = v.object({ organization: CkanName });
export const CkanCallQuery = v.object({
  status: v.optional(v.picklist(["attention", "pending", "done", "failed", "superseded"])),
});
export const CkanCallJson = v.object({
  id: v.string(),
  action: v.picklist(["organization_member_create", "organization_member_delete"]),
  organization: v.string(),
  userId: v.pipe(v.string(), v.description("The person; `ckan:<id>` for a CKAN user who is no steward person")),
  email: v.string(),
  membershipId: v.nullable(v.string()),
  cause: v.string(),
  status: v.picklist(["pending", "done", "failed", "superseded"]),
  attempts: v.number(),
  nextAttemptAt: isoDate,
  lastErrorKind: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
  ckanUser: v.nullable(v.string()),
  createdAt: isoDate,
  doneAt: nullableIso,
});
export const CkanCallList = v.object({ calls: v.array(CkanCallJson) });
export const RetryCallsBody = v.object({
  ids: v.optional(v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.minLength(1), v.maxLength(90)))),
  reason: v.optional(v.nullable(multiLine(2000, { optional: true }))),
});
export const RetriedJson = v.object({ retried: v.array(v.string()) });
export const DriftJson = v.object({
  id: v.string(),
  kind: v.picklist(["extra_in_ckan", "missing_in_ckan"]),
  ckanUserId: v.nullable(v.string()),
  ckanUserName: v.nullable(v.string()),
  userId: v.nullable(v.string()),
  personName: v.nullable(v.string()),
  personEmail: v.nullable(v.string()),
  agencyId: v.nullable(v.string()),
  foundAt: isoDate,
});
export const OrganizationJson = v.object({
  organization: v.string(),
  agencies: v.array(v.object({ id: v.string(), nameTh: v.string(), nameEn: v.string() })),
  checkedAt: nullableIso,
  editors: v.number(),
  error: v.nullable(v.string()),
  drift: v.array(DriftJson),
});
export const PortalJson = v.object({
  configured: v.pipe(v.boolean(), v.description("CKAN_URL and CKAN_API_TOKEN are set: memberships are provisioned")),
  ckanUrl: v.nullable(v.string()),
  organizations: v.array(OrganizationJson),
});
export const CheckBody = v.object({ organization: v.optional(v.nullable(CkanName)) });
export const CheckJson = v.object({
  checked: v.array(
    v.object({ organization: v.string(), editors: v.number(), drift: v.number(), error: v.nullable(v.string()) }),
  ),
});
export const AppliedJson = v.object({ added: v.number(), removed: v.number() });
