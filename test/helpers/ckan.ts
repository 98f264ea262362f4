import { env } from "cloudflare:test";
import { expect } from "vitest";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import type { Bindings } from "../../src/env";
import { ckanAction } from "../../src/services/portal/ckan-client";
import { deliverCkanOperations } from "../../src/services/portal/ckan-delivery";
import { currentBindings, useBindings } from "./client";
import { signInAdmin } from "./auth-db";
import { createAgency, unique, type AgencyFixture } from "./fixtures";
import { rows } from "./db";

// A real CKAN for the provisioning tests (bash ../shared/ckan/ckan-up.sh; vitest.config.ts
// passes its URL and sysadmin token as CKAN_TEST_URL / CKAN_TEST_TOKEN). Without one, the
// files that use it skip with a notice.

const bound = env as unknown as Record<string, string | undefined>;
export const CKAN_URL = bound.CKAN_TEST_URL ?? "";
export const CKAN_TOKEN = bound.CKAN_TEST_TOKEN ?? "";
export const HAVE_CKAN = Boolean(CKAN_URL && CKAN_TOKEN);
/** A loopback port nothing listens on: CKAN "stopped" (connection refused). */
export const CKAN_DOWN = "http://127.0.0.1:9";

const connection = { url: CKAN_URL, token: CKAN_TOKEN, timeoutMs: 10_000 };

/** Every later request of the file sees CKAN configured (at `url`, by default the real one). */
export function connectCkan(extra: Record<string, string> = {}, url = CKAN_URL): void {
  useBindings({ CKAN_URL: url, CKAN_API_TOKEN: CKAN_TOKEN, ...extra });
}

/** A CKAN action as the sysadmin (the test's own look at CKAN). */
export const ckan = (action: string, body: Record<string, unknown>) => ckanAction(connection, action, body);

/** A new organization in CKAN; its name. */
export async function ckanOrganization(): Promise<string> {
  const name = unique("org-")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  await ckan("organization_create", { name, title: `องค์กร ${name}` });
  return name;
}

/** A new CKAN user (as if made in CKAN by hand); its id and name. */
export async function ckanUser(email: string): Promise<{ id: string; name: string }> {
  const name = unique("hand-")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  return (await ckan("user_create", { name, email, password: crypto.randomUUID() })) as { id: string; name: string };
}

/** The organization's members in CKAN: user name → capacity ("editor", "admin"). */
export async function membersOf(organization: string): Promise<Record<string, string>> {
  const list = (await ckan("member_list", { id: organization, object_type: "user" })) as [string, string, string][];
  const named: Record<string, string> = {};
  for (const [id, , capacity] of list) {
    const user = (await ckan("user_show", { id })) as { name: string };
    named[user.name] = capacity.toLowerCase();
  }
  return named;
}

/** The CKAN user name steward matched a person to (null: none yet). */
export async function ckanNameOf(userId: string): Promise<string | null> {
  const [row] = await rows("SELECT ckan_name FROM ckan_accounts WHERE user_id = ?", userId);
  return (row?.ckan_name as string | undefined) ?? null;
}

/** An agency whose stewards become editors of `organization` (mapped through the admin API). */
export async function mappedAgency(organization: string): Promise<AgencyFixture> {
  const agency = await createAgency();
  const res = await (
    await signInAdmin()
  ).json("PATCH", `/api/v1/admin/agencies/${agency.id}`, {
    ckanOrganization: organization,
  });
  expect(res.status).toBe(200);
  return agency;
}

/** The worker's deps as requests see them now, on a fixed clock at `at` (ms). */
export function depsAt(at: number, ckanUrl?: string): Deps {
  const deps = buildDeps(currentBindings() as Bindings);
  const config =
    ckanUrl && deps.config.ckan ? { ...deps.config, ckan: { ...deps.config.ckan, url: ckanUrl } } : deps.config;
  return { ...deps, config, clock: fixedClock(at) };
}

/**
 * Waits until no CKAN call is pending (made after the requests' responses, or made here as the
 * cron would at `at`). Throws when calls stay pending (failing, or due later).
 */
export async function settleCkan(at = Date.now()): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await deliverCkanOperations(depsAt(Math.max(at, Date.now())));
    const [row] = await rows("SELECT count(*) AS n FROM ckan_operations WHERE status = 'pending'");
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `CKAN calls still pending: ${JSON.stringify(await rows("SELECT action, status, attempts, last_error FROM ckan_operations WHERE status = 'pending'"))}`,
  );
}

/** The calls written for a person, in order. */
export function callsOf(userId: string) {
  return rows(
    "SELECT action, organization, status, attempts, cause, last_error_kind, done_at FROM ckan_operations WHERE user_id = ? ORDER BY seq",
    userId,
  );
}
