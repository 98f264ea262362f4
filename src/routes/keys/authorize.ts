import type { Context, Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../middleware/app-env";
import { afterResponse } from "../../middleware/after-commit";
import { checkApiKey, type CheckedKey } from "../../services/keys/rate-limits";
import { countVerification } from "../../services/keys/usage";
import { describe, validate } from "../operation";

// Forward authentication (nginx `auth_request`, Envoy `ext_authz`): the gateway passes its
// client's request headers on, and the answer is a status with headers and no body, which the
// gateway copies onto the request it lets through. Exact headers: CONTRACT "Gateway forward
// authentication".

/**
 * Records an answer about a key after the response: its usage count (written in batches, see
 * services/keys/usage.ts) and its lastUsedAt (verifyApiKey throttles that to once a minute).
 * `refused` overrides a valid result the route refused anyway (a missing scope).
 */
export function recordUse(c: Context<AppEnv>, checked: CheckedKey, refused = false): void {
  const outcome = checked.result.valid && !refused ? "valid" : "refused";
  const work = [
    ["lastUsedAt", checked.touch],
    ["usage", countVerification(c.var.deps, checked.result.keyId, outcome)],
  ] as const;
  for (const [what, promise] of work)
    if (promise)
      afterResponse(
        c,
        promise.catch((error) => console.error(`${what} not recorded`, error instanceof Error ? error.message : error)),
      );
}

/**
 * The client's key: the `api-key` header (Data.go.th's gateway), else `Authorization: Bearer`
 * when that header is the client's (not for verify, where it carries the gateway's secret).
 */
export function clientKey(c: Context<AppEnv>, bearerToo = true): string | undefined {
  const bearer = bearerToo ? c.req.header("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] : undefined;
  // An empty `api-key:` header is no key: it must not hide a Bearer key.
  return c.req.header("api-key")?.trim() || bearer;
}

/** Answers of the gateway endpoints are about one client's key: no cache may keep them (RFC 9111). */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

// Any string: an unknown scope is one the key lacks (403), not a malformed request.
const AuthorizeQuery = v.object({ scope: v.optional(v.string()) });

const header = (description: string) => ({ description, schema: { type: "string" } });

export function registerAuthorize(routes: Hono<AppEnv>): void {
  routes.get(
    "/authorize",
    describe({
      tags: ["API keys"],
      summary: "Forward authentication for a gateway (nginx auth_request, Envoy ext_authz)",
      description:
        "The gateway's secret in `X-Steward-Gateway-Secret` (here `Authorization` is the client's); the client's key in `api-key` or `Authorization: Bearer stw_…`. " +
        "204 when valid, with the key's identity in headers; 401 with `X-Steward-Code` (NOT_FOUND, REVOKED, EXPIRED, DISABLED; no key at all is NOT_FOUND); " +
        "403 when the key lacks a scope named by `X-Steward-Required-Scope` or `?scope=` (both are required when both are given; an unknown scope too); 429 with `Retry-After` when the key's requests of this minute are spent. " +
        "No body. A wrong or missing gateway secret is a 401 problem without `X-Steward-Code`.",
      status: 204,
      responseDescription: "The key is valid (and has the required scope)",
      security: "gateway",
      gatewaySecretHeaderOnly: true,
      headers: {
        "api-key": { description: "The client's API key (stw_…), as Data.go.th's gateway takes it" },
        Authorization: { description: "Or `Bearer stw_…`: the client's key" },
        "X-Steward-Required-Scope": { description: "A scope the route needs (read or publish)" },
      },
      extraResponses: {
        "204": {
          description: "The key is valid (and has the required scope)",
          headers: {
            "X-Steward-Key-Id": header("the key's id"),
            "X-Steward-User-Id": header("its owner's id"),
            "X-Steward-Agency-Id": header("its agency's id, when it has one"),
            "X-Steward-Scopes": header("its scopes, comma-separated"),
          },
        },
        "401": {
          description: "or the key is refused: no body, its code in X-Steward-Code",
          headers: { "X-Steward-Code": header("NOT_FOUND, REVOKED, EXPIRED or DISABLED") },
        },
        "403": { description: "The key lacks the required scope (no body)" },
        "429": {
          description: "The key's requests of this minute are spent (no body)",
          headers: { "Retry-After": header("seconds"), "X-Steward-Code": header("RATE_LIMITED") },
        },
      },
    }),
    validate("query", AuthorizeQuery),
    async (c) => {
      const checked = await checkApiKey(c.var.deps, clientKey(c) ?? "");
      const { result, retryAfterSeconds } = checked;
      if (!result.valid) {
        recordUse(c, checked);
        const retry: Record<string, string> =
          retryAfterSeconds === null ? {} : { "Retry-After": String(retryAfterSeconds) };
        return c.body(null, retryAfterSeconds === null ? 401 : 429, {
          ...NO_STORE,
          ...retry,
          "X-Steward-Code": result.code,
        });
      }
      const scopes: string[] = result.scopes ?? [];
      // Every scope named, in the header and in the query, is required: a client whose headers a
      // gateway forwards can add a requirement, never lower the one the gateway's URL sets.
      const required = [c.req.header("x-steward-required-scope"), c.req.valid("query").scope]
        .map((s) => s?.trim())
        .filter((s): s is string => Boolean(s));
      const allowed = required.every((s) => scopes.includes(s));
      recordUse(c, checked, !allowed);
      if (!allowed) return c.body(null, 403, NO_STORE);
      return c.body(null, 204, {
        ...NO_STORE,
        "X-Steward-Key-Id": result.keyId!,
        "X-Steward-User-Id": result.userId!,
        ...(result.agencyId ? { "X-Steward-Agency-Id": result.agencyId } : {}),
        "X-Steward-Scopes": scopes.join(","),
      });
    },
  );
}
