import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";
import { readOidcProviders, type OidcProvider } from "./lib/oidc-config";

/** Bindings and variables of the Worker (wrangler.jsonc `vars`, secrets, D1). */
export interface Bindings {
  DB: D1Database;
  ENVIRONMENT: string;
  APP_ORIGIN: string;
  RP_ID: string;
  RP_NAME?: string;
  ALLOWED_MAIL_DOMAINS: string;
  ADMIN_EMAILS: string;
  MAIL_FROM?: string;
  GATEWAY_SECRET?: string;
  RESEND_API_KEY?: string;
  /** The signing secret (`whsec_…`) of the Resend webhook that calls POST /api/v1/webhooks/resend. */
  RESEND_WEBHOOK_SECRET?: string;
  /** Requests per second to Resend's API (default 2, Resend's default team limit). */
  MAIL_REQUESTS_PER_SECOND?: string;
  /** JSON (string or JSON-typed var): see src/lib/oidc-config.ts. */
  OIDC_PROVIDERS?: string | unknown[];
  OIDC_ALLOW_HTTP?: string;
  /** Workers Rate Limiting bindings, one per scope (wrangler.jsonc `ratelimits`), keyed by key id. */
  RATE_LIMIT_READ?: RateLimit;
  RATE_LIMIT_PUBLISH?: RateLimit;
  /** Requests per minute per key, per scope: the bindings' `simple.limit` (keep them equal). */
  RATE_LIMIT_READ_PER_MINUTE?: string;
  RATE_LIMIT_PUBLISH_PER_MINUTE?: string;
  /** The longest life of a read key, in days (default 730). */
  KEY_MAX_DAYS_READ?: string;
  /** The longest life of a publish key, in days (default 365). */
  KEY_MAX_DAYS_PUBLISH?: string;
  /** The CKAN portal whose organizations stewards are made editors of (its base URL); unset: no provisioning. */
  CKAN_URL?: string;
  /** A CKAN sysadmin's API token (a Worker secret). */
  CKAN_API_TOKEN?: string;
  /** How a person's CKAN user is found: `create` (default), `name` or `email` (see CkanConfig.users). */
  CKAN_USERS?: string;
  /** Minutes between reconciliations of every mapped organization (default 60). */
  CKAN_RECONCILE_MINUTES?: string;
}

export type Environment = "development" | "test" | "production";

export interface Config {
  environment: Environment;
  appOrigin: string;
  rpId: string;
  rpName: string;
  /** Shared government mail domains (e.g. mail.go.th); agency domains come from the database. */
  sharedMailDomains: string[];
  adminEmails: string[];
  mailFrom: string;
  gatewaySecret: string | null;
  resendApiKey: string | null;
  resendWebhookSecret: string | null;
  /** Requests per second to Resend's API, across every isolate (src/services/platform/send-rate.ts). */
  mailRequestsPerSecond: number;
  /** How long one request to Resend may take before it counts as a timeout (ms). */
  mailTimeoutMs: number;
  /** How long a webhook receiver may take to answer one delivery before it counts as a timeout (ms). */
  webhookTimeoutMs: number;
  oidcProviders: OidcProvider[];
  /** http: issuers, for development and tests only (ignored elsewhere). */
  oidcAllowHttp: boolean;
  /** Short environment tag inside API keys: `stw_<keyEnv>_...`. */
  keyEnv: "dev" | "test" | "live";
  /** Requests per minute per key: a key with the publish scope counts against `publish`. */
  rateLimitPerMinute: { read: number; publish: number };
  /** The longest life of a key, in days, per scope; a key's is the smallest of its scopes'. */
  keyMaxDays: { read: number; publish: number };
  /** The CKAN portal (CKAN_URL and CKAN_API_TOKEN both set), else null: nothing is provisioned. */
  ckan: CkanConfig | null;
}

export interface CkanConfig {
  /** The portal's base URL, without a trailing slash. */
  url: string;
  /** A sysadmin's API token, sent in `Authorization`. */
  token: string;
  /** How long one action call may take (ms). */
  timeoutMs: number;
  /**
   * How a person's CKAN user is found: `create` — steward creates one (`user_create`, the
   * official e-mail) and never adopts an account it did not make (CKAN does not verify e-mails:
   * anyone could have registered one with a steward's address); `name` — the existing user named
   * after the official e-mail, with that e-mail; `email` — the existing user with that e-mail.
   * The last two fail (until someone creates the user) when there is none; use them only where
   * CKAN's accounts come from a trusted sign-in (single sign-on, no self-registration).
   */
  users: "create" | "name" | "email";
  /** Time between reconciliations of an organization (ms). */
  reconcileEveryMs: number;
}

/** The CKAN settings, or null unless both the URL (http(s)) and the token are set. */
function readCkan(env: Bindings): CkanConfig | null {
  const url = env.CKAN_URL?.trim();
  const token = env.CKAN_API_TOKEN?.trim();
  // The token is a sysadmin's: never sent in clear outside development and tests.
  const scheme = env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test" ? /^https?:\/\//i : /^https:\/\//i;
  if (!url || !token || !scheme.test(url)) return null;
  const users = env.CKAN_USERS?.trim().toLowerCase();
  return {
    url: url.replace(/\/+$/, ""),
    token,
    timeoutMs: 10_000,
    users: users === "name" || users === "email" ? users : "create",
    reconcileEveryMs: positiveCount(env.CKAN_RECONCILE_MINUTES, 60) * 60_000,
  };
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** A positive whole number of days, or the default when unset or not one. */
function days(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A positive whole number of requests (per minute or second), or the default when unset or not one. */
function positiveCount(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: Bindings): Config {
  const environment: Environment =
    env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test" ? env.ENVIRONMENT : "production";
  return {
    environment,
    appOrigin: new URL(env.APP_ORIGIN).origin,
    rpId: env.RP_ID,
    rpName: env.RP_NAME ?? "steward",
    sharedMailDomains: list(env.ALLOWED_MAIL_DOMAINS),
    adminEmails: list(env.ADMIN_EMAILS),
    mailFrom: env.MAIL_FROM ?? "steward <no-reply@data.go.th>",
    gatewaySecret: env.GATEWAY_SECRET || null,
    resendApiKey: env.RESEND_API_KEY || null,
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET || null,
    mailRequestsPerSecond: positiveCount(env.MAIL_REQUESTS_PER_SECOND, 2),
    mailTimeoutMs: 10_000,
    webhookTimeoutMs: 10_000,
    oidcProviders: readOidcProviders(env as unknown as Record<string, unknown>),
    oidcAllowHttp: environment !== "production" && env.OIDC_ALLOW_HTTP === "true",
    keyEnv: environment === "production" ? "live" : environment === "test" ? "test" : "dev",
    rateLimitPerMinute: {
      read: positiveCount(env.RATE_LIMIT_READ_PER_MINUTE, 600),
      publish: positiveCount(env.RATE_LIMIT_PUBLISH_PER_MINUTE, 120),
    },
    keyMaxDays: { read: days(env.KEY_MAX_DAYS_READ, 730), publish: days(env.KEY_MAX_DAYS_PUBLISH, 365) },
    ckan: readCkan(env),
  };
}

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };
