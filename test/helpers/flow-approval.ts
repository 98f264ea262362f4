import { expect } from "vitest";
import { Client, ORIGIN, lastMailTo, linkIn, workerFetch } from "./client";
import { applicationBody, ensureTerms, signIn, unique, type AgencyFixture } from "./fixtures";

export interface Applicant {
  client: Client;
  email: string;
  name: string;
}

/** A signed-in user who accepted the current terms; by default an address of the agency's domain. */
export async function applicant(
  agency: AgencyFixture | null,
  options: { email?: string; name?: string } = {},
): Promise<Applicant> {
  const email = options.email ?? `${unique("u")}@${agency!.domain}`;
  const name = options.name ?? `ผู้ขอ ${unique("n")}`;
  const client = await signIn(email, name);
  const res = await client.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() });
  expect(res.status).toBe(200);
  return { client, email, name };
}

export interface ApplicationJson {
  id: string;
  status: string;
  agencyId: string;
  reason: string;
  applicant: { id: string; email: string; name: string };
  decidedBy?: string | null;
}

/** Submits a steward application (201 expected) and returns it. */
export async function submit(
  who: Applicant,
  agencyId: string,
  overrides: Record<string, unknown> = {},
): Promise<ApplicationJson> {
  const res = await who.client.json("POST", "/api/v1/applications", { ...applicationBody(agencyId), ...overrides });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { application: ApplicationJson }).application;
}

/** The path of the newest approval link e-mailed to the approver. */
export async function approvalLink(approverEmail: string): Promise<string> {
  return linkIn(await lastMailTo(approverEmail), "/approvals");
}

/** The executive's decision, posted like the page's form (no session, same-origin). */
export function decide(
  path: string,
  decision: string,
  reason?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Client().form(path, reason === undefined ? { decision } : { decision, reason }, headers);
}

export async function getApplication(who: Client, id: string): Promise<ApplicationJson> {
  const res = await who.fetch(`/api/v1/applications/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { application: ApplicationJson }).application;
}

export interface Me {
  user: { id: string; email: string };
  roles: { membershipId: string; role: string; agencyId: string; status: string }[];
}

export async function me(who: Client): Promise<Me> {
  const res = await who.fetch("/api/v1/me");
  expect(res.status).toBe(200);
  return (await res.json()) as Me;
}

/** A steward: applied to an agency without review and approved by its executive. */
export async function steward(
  agency: AgencyFixture,
): Promise<Applicant & { applicationId: string; membershipId: string; userId: string }> {
  const who = await applicant(agency);
  const app = await submit(who, agency.id);
  const res = await decide(await approvalLink(agency.executiveEmail!), "approve");
  expect(res.status).toBe(200);
  const profile = await me(who.client);
  const role = profile.roles.find((r) => r.agencyId === agency.id && r.status === "active");
  if (!role) throw new Error("no active steward role after approval");
  return { ...who, applicationId: app.id, membershipId: role.membershipId, userId: profile.user.id };
}

/** Asks the gateway endpoint about a key, as a gateway does: no cookies, no Origin. */
export async function verify(
  key: string,
  secret: string | null = "dev-gateway-secret",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await workerFetch(
    new Request(`${ORIGIN}/api/v1/keys/verify`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(secret === null ? {} : { Authorization: `Bearer ${secret}` }),
      },
      body: JSON.stringify({ key }),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
