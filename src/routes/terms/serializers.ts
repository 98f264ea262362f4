import type * as v from "valibot";
import type { TermsVersion } from "../../db/schema";
import type { TermsAccepted, TermsJson } from "./schemas";

/** A version of the terms of use (its schema: TermsJson). */
export function termsJson(t: TermsVersion) {
  return {
    version: t.version,
    titleTh: t.titleTh,
    titleEn: t.titleEn,
    bodyTh: t.bodyTh,
    bodyEn: t.bodyEn,
    effectiveAt: new Date(t.effectiveAt).toISOString(),
    sha256: t.sha256,
  } satisfies v.InferOutput<typeof TermsJson>;
}

/** An acceptance: the version, the SHA-256 of its text, when (ms) (its schema: TermsAccepted). */
export function termsAcceptedJson(a: { version: string; sha256: string; acceptedAt: number }) {
  return {
    version: a.version,
    sha256: a.sha256,
    acceptedAt: new Date(a.acceptedAt).toISOString(),
  } satisfies v.InferOutput<typeof TermsAccepted>;
}
