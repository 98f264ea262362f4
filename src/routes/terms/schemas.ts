import * as v from "valibot";
import { multiLine } from "../../lib/fields";
import { isoDate, text } from "../atoms";

// The terms area's request and response schemas: validation and /openapi.json come from these.

export const TermsJson = v.object({
  version: v.string(),
  titleTh: v.string(),
  titleEn: v.string(),
  bodyTh: v.string(),
  bodyEn: v.string(),
  effectiveAt: isoDate,
  sha256: v.pipe(v.string(), v.hexadecimal(), v.length(64)),
});
export const TermsAcceptBody = v.object({ version: text(50) });
export const TermsAccepted = v.object({ version: v.string(), sha256: v.string(), acceptedAt: isoDate });
export const TermsPublishBody = v.object({
  version: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9._-]{1,50}$/, "letters, digits, . _ -")),
  titleTh: text(300),
  titleEn: text(300),
  bodyTh: multiLine(30000),
  bodyEn: multiLine(30000),
  effectiveAt: v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp()))),
});
