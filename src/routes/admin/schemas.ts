import * as v from "valibot";
import { isoDate } from "../atoms";

// The admin area's request and response schemas: validation and /openapi.json come from these.

export const AuditQuery = v.object({
  format: v.optional(v.picklist(["json", "csv"])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(10000))),
});
export const AuditEventJson = v.object({
  id: v.string(),
  at: isoDate,
  actor: v.string(),
  action: v.string(),
  subject: v.string(),
  detail: v.record(v.string(), v.unknown()),
  ip: v.nullable(v.string()),
});
export const AuditList = v.object({ events: v.array(AuditEventJson) });
