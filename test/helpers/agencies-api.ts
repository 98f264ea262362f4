import { env } from "cloudflare:test";
import { expect } from "vitest";
import { agencies, agencyDomains } from "../../src/db/schema";
import type { Client } from "./client";
import { ensureAdminDomain } from "./auth-db";
import { db, unique } from "./fixtures";

export const AGENCIES = "/api/v1/admin/agencies";

export interface AgencyJson {
  id: string;
  nameTh: string;
  nameEn: string;
  ministryTh: string | null;
  ministryEn: string | null;
  domains: string[];
  executive: { name: string; position: string; email: string } | null;
  delegateEmails: string[];
  fallback: { name: string; email: string } | null;
  fallbackAfterDays: number;
  reminderDays: number[];
  approvalTtlDays: number;
  reviewRequired: boolean;
  strongerApproval: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ImportReport {
  imported: number;
  skipped: number;
  rows: {
    line: number;
    status: "imported" | "invalid" | "skipped";
    nameTh: string;
    errors: { field: string; message: string }[];
  }[];
}

/** A fresh domain under go.th, unique within the test file. */
export const freshDomain = () => `${unique("d")}.go.th`;

/** A minimal valid creation body on a fresh domain. */
export function agencyBody(overrides: Record<string, unknown> = {}) {
  const domain = freshDomain();
  const tag = unique("n");
  return {
    nameTh: `กรมทดสอบ ${tag}`,
    nameEn: `Test Department ${tag}`,
    ministry: "กระทรวงมหาดไทย",
    domains: [domain],
    ...overrides,
  };
}

export async function createAgencyViaApi(
  admin: Client,
  body: Record<string, unknown> = agencyBody(),
): Promise<AgencyJson> {
  const res = await admin.json("POST", AGENCIES, body);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { agency: AgencyJson }).agency;
}

export function importCsv(client: Client, csv: string, query = ""): Promise<Response> {
  return client.fetch(`${AGENCIES}/import${query}`, {
    method: "POST",
    headers: { "Content-Type": "text/csv; charset=utf-8" },
    body: csv,
  });
}

export async function importReport(res: Response, status: number): Promise<ImportReport> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  if (status === 422) {
    // A refused import is problem+json carrying the report.
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(text)).toMatchObject({ status: 422, code: "import_rejected" });
  } else {
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  }
  return JSON.parse(text) as ImportReport;
}

export async function agencyCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM agencies").first<{ n: number }>())!.n;
}

/** What an import may write: agencies, their domains and audit events. */

/** The agencies of seed/dev-seed.mjs (dga.or.th, nso.go.th, mdes.go.th, bangkok.go.th), as a dev database has them. */
export async function ensureDevSeedAgencies(): Promise<void> {
  await ensureAdminDomain();
  const now = Date.now();
  const seed = [
    { id: "agc_nso", nameTh: "สำนักงานสถิติแห่งชาติ", nameEn: "National Statistical Office", domain: "nso.go.th" },
    {
      id: "agc_mdes",
      nameTh: "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
      nameEn: "Office of the Permanent Secretary, MDES",
      domain: "mdes.go.th",
    },
    { id: "agc_bma", nameTh: "กรุงเทพมหานคร", nameEn: "Bangkok Metropolitan Administration", domain: "bangkok.go.th" },
  ];
  for (const a of seed) {
    await db
      .insert(agencies)
      .values({ id: a.id, nameTh: a.nameTh, nameEn: a.nameEn, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
    await db.insert(agencyDomains).values({ domain: a.domain, agencyId: a.id }).onConflictDoNothing();
  }
}

/** The agency of an API answer. */
export const agencyOf = async (res: Response) => ((await res.json()) as { agency: AgencyJson }).agency;

/** An agency as the admin API answers it (200 expected). */
export async function getAgencyJson(admin: Client, id: string): Promise<AgencyJson> {
  const res = await admin.fetch(`${AGENCIES}/${id}`);
  expect(res.status).toBe(200);
  return agencyOf(res);
}

/** The field paths of a problem's errors. */
export const errorPaths = (problem: { errors?: { path: string }[] }) => (problem.errors ?? []).map((e) => e.path);
