import * as v from "valibot";
import { isoDate, nullableIso, text } from "../atoms";

// The keys area's request and response schemas: validation and /openapi.json come from these.

export const Scopes = v.pipe(
  v.array(v.picklist(["read", "publish"])),
  v.minLength(1),
  v.maxLength(2),
  v.check((scopes) => scopes.includes("read"), 'scopes are ["read"] or ["read", "publish"]'),
);
export const KeyBody = v.object({
  name: text(100),
  scopes: Scopes,
  // The lifetime policy (per scope, from configuration) sets the real maximum: 422 expiry_too_long.
  expiresInDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)))),
  agencyId: v.optional(v.nullable(text(64))),
});
export const KeyJson = v.object({
  id: v.string(),
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(v.picklist(["read", "publish"])),
  status: v.picklist(["active", "rotating", "revoked", "expired"]),
  agencyId: v.nullable(v.string()),
  createdAt: isoDate,
  expiresAt: nullableIso,
  lastUsedAt: nullableIso,
  graceUntil: nullableIso,
  revokedAt: nullableIso,
});
export const KeyCreated = v.object({ key: KeyJson, secret: v.string() });
export const KeyList = v.object({ keys: v.array(KeyJson) });
export const RotateBody = v.object({
  graceSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(604800)),
});
// Any string: a gateway forwards whatever its client sent, and an unknown key is NOT_FOUND.
// Optional only because the `api-key` header may carry it instead (the route requires one).
export const VerifyBody = v.object({ key: v.optional(v.string()) });
export const VerifyResponse = v.object({
  valid: v.boolean(),
  code: v.picklist(["VALID", "NOT_FOUND", "REVOKED", "EXPIRED", "DISABLED", "RATE_LIMITED"]),
  keyId: v.optional(v.string()),
  userId: v.optional(v.string()),
  agencyId: v.optional(v.nullable(v.string())),
  scopes: v.optional(v.array(v.picklist(["read", "publish"]))),
  reason: v.optional(v.string()),
});

// Query strings are text: digits only, then a number in range.
export const UsageQuery = v.object({
  days: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, "1..90"), v.transform(Number), v.minValue(1), v.maxValue(90)),
  ),
});
export const UsageResponse = v.object({
  usage: v.array(
    v.object({
      date: v.pipe(v.string(), v.isoDate()),
      valid: v.pipe(v.number(), v.integer()),
      refused: v.pipe(v.number(), v.integer()),
    }),
  ),
});
