import { agencies, agencyDomains } from "../../src/db/schema";
import type { Client } from "./client";
import { db, signIn } from "./fixtures";

export const ADMIN_EMAIL = "admin@dga.or.th";

/** DGA's own agency row, so that admin@dga.or.th may sign in (only government domains may). */
export async function ensureDgaAgency(): Promise<void> {
  const now = Date.now();
  await db
    .insert(agencies)
    .values({ id: "agc_dga_flow", nameTh: "สำนักงานพัฒนารัฐบาลดิจิทัล", nameEn: "Digital Government Development Agency", executiveName: "ผู้อำนวยการ สพร.", executivePosition: "ผู้อำนวยการ", executiveEmail: "director@dga.or.th", reviewRequired: false, approvalTtlDays: 14, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  await db.insert(agencyDomains).values({ domain: "dga.or.th", agencyId: "agc_dga_flow" }).onConflictDoNothing();
}

let adminSession: Promise<Client> | null = null;

/**
 * The system administrator (ADMIN_EMAILS), signed in once per test file: the e-mail sign-in
 * allows only 3 starts per address per 10 minutes.
 */
export function adminClient(): Promise<Client> {
  adminSession ??= ensureDgaAgency().then(() => signIn(ADMIN_EMAIL, "ผู้ดูแลระบบ สพร."));
  return adminSession;
}
