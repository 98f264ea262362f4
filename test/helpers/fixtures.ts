import { env } from "cloudflare:test";
import { createDb } from "../../src/db/client";
import { agencies, agencyDomains, termsVersions } from "../../src/db/schema";
import { termsSha256 } from "../../src/services/terms/acceptance";
import { Client, codeIn, lastMailTo } from "./client";

export const db = createDb(env.DB);

let seq = 0;
/** A unique token for names, domains and addresses within a test file. */
export function unique(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;
}

export interface AgencyFixture {
  id: string;
  domain: string;
  executiveEmail: string | null;
}

export async function createAgency(
  options: { reviewRequired?: boolean; executive?: boolean; ttlDays?: number } = {},
): Promise<AgencyFixture> {
  const id = unique("agc_");
  const domain = `${unique("a")}.go.th`;
  const executiveEmail = options.executive === false ? null : `director@${domain}`;
  const now = Date.now();
  await db.insert(agencies).values({
    id,
    nameTh: `หน่วยงานทดสอบ ${id}`,
    nameEn: `Test agency ${id}`,
    executiveName: executiveEmail ? "ผู้อำนวยการ ทดสอบ" : null,
    executivePosition: executiveEmail ? "ผู้อำนวยการ" : null,
    executiveEmail,
    reviewRequired: options.reviewRequired ?? false,
    approvalTtlDays: options.ttlDays ?? 14,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(agencyDomains).values({ domain, agencyId: id });
  return { id, domain, executiveEmail };
}

export async function ensureTerms(version = "test-1"): Promise<string> {
  const bodyTh = "ข้อตกลงทดสอบ";
  const bodyEn = "Test terms";
  await db
    .insert(termsVersions)
    .values({
      version,
      titleTh: "ข้อตกลง",
      titleEn: "Terms",
      bodyTh,
      bodyEn,
      sha256: await termsSha256(bodyTh, bodyEn),
      effectiveAt: 0,
      createdAt: 0,
    })
    .onConflictDoNothing();
  return version;
}

/** Signs a new client in by e-mail code; the address is created on first sign-in. */
export async function signIn(email: string, name = "ทดสอบ ผู้ใช้"): Promise<Client> {
  const client = new Client();
  const start = await client.json("POST", "/api/v1/auth/email/start", { email, name });
  if (start.status !== 202) throw new Error(`start ${start.status}: ${await start.text()}`);
  const code = codeIn(await lastMailTo(email));
  const verify = await client.json("POST", "/api/v1/auth/email/verify", { email, code });
  if (verify.status !== 200) throw new Error(`verify ${verify.status}: ${await verify.text()}`);
  return client;
}

/** A signed-in official of the agency who accepted the current terms. */
export async function official(agency: AgencyFixture, local = unique("u")): Promise<{ client: Client; email: string }> {
  const email = `${local}@${agency.domain}`;
  const client = await signIn(email);
  const version = await ensureTerms();
  const res = await client.json("POST", "/api/v1/terms/accept", { version });
  if (res.status !== 200) throw new Error(`accept ${res.status}: ${await res.text()}`);
  return { client, email };
}

export const applicationBody = (agencyId: string) => ({
  agencyId,
  role: "steward",
  position: "นักวิเคราะห์นโยบายและแผน",
  phone: "02 123 4567",
  reason: "เผยแพร่ชุดข้อมูลของหน่วยงาน / publish the agency's datasets",
});
