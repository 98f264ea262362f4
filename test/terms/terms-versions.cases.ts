import { afterEach, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, steward, verify } from "../helpers/flow-approval";
import { applicationBody } from "../helpers/fixtures";
import { signInAdmin } from "../helpers/auth-db";
import { outboxTo, rows, settleOutbox } from "../helpers/db";

const body = (version: string, effectiveAt?: string) => ({
  version,
  titleTh: "ข้อตกลงฉบับปรับปรุง",
  titleEn: "Revised terms",
  bodyTh: `ข้อ 1 ฉบับ ${version}`,
  bodyEn: `Clause 1, version ${version}`,
  ...(effectiveAt ? { effectiveAt } : {}),
});

describe("publishing a new version of the terms", () => {
  afterEach(() => setDevClockOffset(0));

  it("is for administrators, refuses a version twice, and answers the new version with its sha256", async () => {
    const admin = await signInAdmin();
    const version = unique("v");
    // Far in the future, so that the other tests of this file keep the terms they accepted.
    const res = await admin.json("POST", "/api/v1/admin/terms", body(version, "2099-01-01T00:00:00Z"));
    expect(res.status).toBe(201);
    const terms = (await res.json()) as { version: string; sha256: string };
    const expected = await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(`ข้อ 1 ฉบับ ${version}\n\nClause 1, version ${version}`),
    );
    expect(terms.sha256).toBe([...new Uint8Array(expected)].map((b) => b.toString(16).padStart(2, "0")).join(""));
    expect((await admin.json("POST", "/api/v1/admin/terms", body(version, "2099-01-01T00:00:00Z"))).status).toBe(409);
    const agency = await createAgency();
    const official = await applicant(agency);
    expect(
      (await official.client.json("POST", "/api/v1/admin/terms", body(unique("v"), "2099-01-01T00:00:00Z"))).status,
    ).toBe(403);
    expect(
      await rows("SELECT id FROM audit_events WHERE action = 'terms.published' AND subject = ?", `terms:${version}`),
    ).toHaveLength(1);
  });

  it("takes effect at effectiveAt: then applying needs the new acceptance and publish keys verify DISABLED until it", async () => {
    const admin = await signInAdmin();
    const agency = await createAgency();
    const holder = await steward(agency);
    const created = await holder.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
    const { secret } = (await created.json()) as { secret: string };
    const read = (await (
      await holder.client.json("POST", "/api/v1/keys", { name: "read", scopes: ["read"] })
    ).json()) as { secret: string };
    const elsewhere = await createAgency();
    const newcomer = await applicant(elsewhere);

    const version = unique("v");
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    expect((await admin.json("POST", "/api/v1/admin/terms", body(version, tomorrow))).status).toBe(201);
    await settleOutbox();
    expect((await outboxTo(holder.email)).map((m) => m.template)).toContain("terms_published");
    // Not yet in force.
    expect((await verify(secret)).body.code).toBe("VALID");

    setDevClockOffset(25 * 3600 * 1000);
    expect((await verify(secret)).body).toMatchObject({ valid: false, code: "DISABLED", reason: "terms_not_accepted" });
    expect((await verify(read.secret)).body.code).toBe("VALID");
    const refused = await newcomer.client.json("POST", "/api/v1/applications", applicationBody(elsewhere.id));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("terms_not_accepted");
    const me = (await (await holder.client.fetch("/api/v1/me")).json()) as {
      terms: { currentVersion: string; acceptedVersion: string };
    };
    expect(me.terms.currentVersion).toBe(version);
    expect(me.terms.acceptedVersion).not.toBe(version);

    expect((await holder.client.json("POST", "/api/v1/terms/accept", { version })).status).toBe(200);
    expect((await verify(secret)).body.code).toBe("VALID");
    const [evidence] = await rows("SELECT sha256, ip, user_agent FROM terms_acceptances WHERE version = ?", version);
    expect(evidence!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
