import { expect } from "vitest";
import { agencies, agencyDomains } from "../../src/db/schema";
import type { Client } from "./client";
import { db, signIn } from "./fixtures";

export const ADMIN_EMAIL = "admin@dga.or.th";
export const SESSION_COOKIE = "steward_session";

let adminSession: Promise<Client> | null = null;

/**
 * The configured administrator (ADMIN_EMAILS), signed in once per test file (an address gets
 * 3 sign-in codes per 10 minutes). Its domain, dga.or.th, is an agency domain in the seed data;
 * the test database has no seed, so it is added here once.
 */
export function signInAdmin(): Promise<Client> {
  adminSession ??= ensureAdminDomain().then(() => signIn(ADMIN_EMAIL, "ผู้ดูแล ระบบ"));
  return adminSession;
}

/** Makes dga.or.th (the administrator's domain) an agency domain, as the seed data does. */
export async function ensureAdminDomain(): Promise<void> {
  const now = Date.now();
  await db
    .insert(agencies)
    .values({
      id: "agc_dga",
      nameTh: "สำนักงานพัฒนารัฐบาลดิจิทัล",
      nameEn: "DGA",
      executiveEmail: "ceo@dga.or.th",
      executiveName: "ผู้อำนวยการ",
      executivePosition: "ผู้อำนวยการ",
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  await db.insert(agencyDomains).values({ domain: "dga.or.th", agencyId: "agc_dga" }).onConflictDoNothing();
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Asserts an RFC 9457 problem response with this status and code, and returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ status, code });
  for (const field of ["type", "title", "detail"] as const) expect(typeof body[field], field).toBe("string");
  return body;
}
