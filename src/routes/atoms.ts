import * as v from "valibot";
import { EmailAddress, multiLine, singleLine } from "../lib/fields";

// The fields every API area shares. Each area's own request and response schemas are in
// routes/<area>/schemas.ts: validation and /openapi.json come from them alone.

export const text = singleLine;
export const phone = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\+?[0-9 ()-]{6,20}$/, "หมายเลขโทรศัพท์ไม่ถูกต้อง / a phone number"),
);
export const isoDate = v.pipe(v.string(), v.isoTimestamp());
export const nullableIso = v.nullable(isoDate);
export const EmailField = EmailAddress;
export const CodeField = v.pipe(v.string(), v.regex(/^\d{6}$/, "รหัส 6 หลัก / a 6-digit code"));
export const IdParam = v.object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id")) });
export const ReasonBody = v.object({ reason: v.optional(v.nullable(multiLine(2000, { optional: true }))) });
export const RequiredReasonBody = v.object({ reason: multiLine(2000) });
