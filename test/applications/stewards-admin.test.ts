import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, unique, type AgencyFixture } from "../helpers/fixtures";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { getApplication, steward, verify } from "../helpers/flow-approval";
import { auditOf, rows } from "../helpers/db";

// The stewards directory and the administrators' actions on a steward role (CONTRACT:
// Administration: stewards, people, keys, audit).

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

type Steward = Awaited<ReturnType<typeof steward>>;
interface StewardJson {
  membershipId: string;
  status: string;
  since: string;
  statusReason: string | null;
  agency: { id: string; nameTh: string; nameEn: string };
  user: { id: string; email: string; name: string };
  activeKeys: number;
}

/** A steward of a fresh agency holding one publish key. */
async function stewardWithKey(agency?: AgencyFixture): Promise<Steward & { secret: string; agency: AgencyFixture }> {
  const a = agency ?? (await createAgency());
  const s = await steward(a);
  const res = await s.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...s, secret: ((await res.json()) as { secret: string }).secret, agency: a };
}

async function list(query: string): Promise<{ stewards: StewardJson[]; nextCursor?: string }> {
  const res = await admin.fetch(`/api/v1/admin/stewards${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { stewards: StewardJson[]; nextCursor?: string };
}

const act = (id: string, action: "suspend" | "reinstate" | "revoke", reason = "ทดสอบ / test") =>
  admin.json("POST", `/api/v1/admin/memberships/${id}/${action}`, { reason });

describe("GET /api/v1/admin/stewards", () => {
  it("finds a steward by part of a Thai name, e-mail, agency name (Thai or English), with status, since and active keys", async () => {
    const s = await stewardWithKey();
    const nameTh = `หน่วยงานทดสอบ ${s.agency.id}`;
    const byName = await list(`?q=${encodeURIComponent(s.name.slice(4))}`);
    const found = byName.stewards.find((x) => x.membershipId === s.membershipId)!;
    expect(found).toMatchObject({ status: "active", activeKeys: 1, user: { email: s.email, name: s.name } });
    expect(found.agency).toEqual({ id: s.agency.id, nameTh, nameEn: `Test agency ${s.agency.id}` });
    expect(Number.isNaN(Date.parse(found.since))).toBe(false);
    for (const q of [s.email, nameTh, `Test agency ${s.agency.id}`]) {
      const { stewards } = await list(`?q=${encodeURIComponent(q)}`);
      expect(
        stewards.map((x) => x.membershipId),
        q,
      ).toContain(s.membershipId);
    }
  });

  it("lists by agency and by person; wildcards in q match only themselves", async () => {
    const s = await stewardWithKey();
    expect((await list(`?agencyId=${s.agency.id}`)).stewards.map((x) => x.membershipId)).toEqual([s.membershipId]);
    expect((await list(`?userId=${s.userId}`)).stewards.map((x) => x.membershipId)).toEqual([s.membershipId]);
    expect((await list(`?agencyId=${s.agency.id}&q=%25`)).stewards).toEqual([]);
    expect((await list(`?agencyId=${s.agency.id}&q=*`)).stewards).toEqual([]);
    expect((await list(`?agencyId=${s.agency.id}&q=ท%25ด`)).stewards).toEqual([]);
  });

  it("a long Thai search (D1 refuses LIKE patterns over 50 bytes) answers 200 on every searched list", async () => {
    const long = "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์".repeat(3);
    for (const path of [
      "/api/v1/admin/stewards",
      "/api/v1/admin/users",
      "/api/v1/admin/applications",
      "/api/v1/agencies",
      "/admin/stewards",
      "/admin/people",
      "/admin/applications",
      "/admin/agencies",
    ]) {
      const res = await admin.fetch(`${path}?q=${encodeURIComponent(long)}`);
      expect(res.status, path).toBe(200);
    }
    const audit = await admin.fetch(`/api/v1/admin/audit?actor=${encodeURIComponent(long)}&subject=${"x".repeat(90)}`);
    expect(audit.status).toBe(200);
  });

  it("pages newest first with a cursor: no row twice, none left out", async () => {
    const agency = await createAgency();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await steward(agency)).membershipId);
    const first = await list(`?agencyId=${agency.id}&limit=2`);
    expect(first.stewards).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`?agencyId=${agency.id}&limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeUndefined();
    const seen = [...first.stewards, ...second.stewards].map((x) => x.membershipId);
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort()).toEqual([...made].sort());
  });

  it("refuses a forged cursor and a limit out of range with 400", async () => {
    await expectProblem(await admin.fetch("/api/v1/admin/stewards?cursor=bm90LWEtY3Vyc29y"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/stewards?limit=101"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/stewards?limit=0"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/stewards?status=gone"), 400, "invalid_request");
  });

  it("lists only live stewards by default; revoked ones under status=revoked", async () => {
    const s = await stewardWithKey();
    expect((await act(s.membershipId, "revoke")).status).toBe(200);
    expect((await list(`?agencyId=${s.agency.id}`)).stewards).toEqual([]);
    const revoked = await list(`?agencyId=${s.agency.id}&status=revoked`);
    expect(revoked.stewards[0]).toMatchObject({ membershipId: s.membershipId, status: "revoked", activeKeys: 0 });
  });

  it("GET /api/v1/admin/stewards/:id gives the role with its keys and never a secret or hash", async () => {
    const s = await stewardWithKey();
    const res = await admin.fetch(`/api/v1/admin/stewards/${s.membershipId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(s.secret);
    expect(text).not.toMatch(/keyHash|key_hash/);
    const body = JSON.parse(text) as { keys: { status: string; scopes: string[] }[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ status: "active", scopes: ["read", "publish"] });
    await expectProblem(await admin.fetch("/api/v1/admin/stewards/mem_nobody"), 404, "not_found");
  });
});

describe("suspend, reinstate, revoke", () => {
  it("suspend disables the keys at once, reinstate brings them back, revoke ends them; each audited with its reason", async () => {
    const s = await stewardWithKey();
    expect((await verify(s.secret)).body.code).toBe("VALID");

    const suspended = await act(s.membershipId, "suspend", "ตรวจสอบการใช้งาน");
    expect(suspended.status).toBe(200);
    expect(
      ((await suspended.json()) as { membership: { status: string; statusReason: string } }).membership,
    ).toMatchObject({ status: "suspended", statusReason: "ตรวจสอบการใช้งาน" });
    expect((await verify(s.secret)).body.code).toBe("DISABLED");

    expect((await act(s.membershipId, "reinstate", "ตรวจสอบแล้ว")).status).toBe(200);
    expect((await verify(s.secret)).body.code).toBe("VALID");

    expect((await act(s.membershipId, "revoke", "ย้ายหน่วยงาน")).status).toBe(200);
    expect((await verify(s.secret)).body.code).toBe("REVOKED");

    const actions = (await auditOf(`membership:${s.membershipId}`)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["membership.suspended", "membership.resumed", "membership.revoked"]),
    );
    const [revokedEvent] = await auditOf(`membership:${s.membershipId}`, "membership.revoked");
    expect(revokedEvent!.actor).toBe("admin:admin@dga.or.th");
    expect(revokedEvent!.detail).toMatchObject({ reason: "ย้ายหน่วยงาน" });
  });

  it("answers 409 invalid_transition from the wrong status and changes nothing", async () => {
    const s = await stewardWithKey();
    await expectProblem(await act(s.membershipId, "reinstate"), 409, "invalid_transition");
    expect((await act(s.membershipId, "revoke")).status).toBe(200);
    const before = await rows("SELECT status, version FROM memberships WHERE id = ?", s.membershipId);
    await expectProblem(await act(s.membershipId, "suspend"), 409, "invalid_transition");
    await expectProblem(await act(s.membershipId, "revoke"), 409, "invalid_transition");
    expect(await rows("SELECT status, version FROM memberships WHERE id = ?", s.membershipId)).toEqual(before);
  });

  it("a reason with nothing visible (white space, U+200B, U+2060) is 400 and changes nothing", async () => {
    const s = await stewardWithKey();
    for (const reason of ["\u200B", " \u2060 ", "\u200B\n\t"]) {
      await expectProblem(await act(s.membershipId, "suspend", reason), 400, "invalid_request");
    }
    expect((await verify(s.secret)).body.code).toBe("VALID");
  });

  it("parallel suspensions of one role: exactly one takes effect, one audit event", async () => {
    const s = await stewardWithKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => act(s.membershipId, "suspend")));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await auditOf(`membership:${s.membershipId}`, "membership.suspended")).toHaveLength(1);
  });
});

describe("the truth everywhere after a role changes", () => {
  it("the application JSON carries the role's current status, when and why", async () => {
    const s = await stewardWithKey();
    let app = (await getApplication(s.client, s.applicationId)) as unknown as {
      status: string;
      membership: { id: string; status: string; changedAt: string | null; reason: string | null };
    };
    expect(app.status).toBe("active");
    expect(app.membership).toEqual({ id: s.membershipId, status: "active", changedAt: null, reason: null });
    expect((await act(s.membershipId, "revoke", "ลาออกจากราชการ")).status).toBe(200);
    app = (await getApplication(s.client, s.applicationId)) as unknown as typeof app;
    expect(app.membership).toMatchObject({ status: "revoked", reason: "ลาออกจากราชการ" });
    expect(Number.isNaN(Date.parse(app.membership.changedAt!))).toBe(false);
  });

  it("the status filter active lists only live stewards", async () => {
    const agency = await createAgency();
    const live = await stewardWithKey(agency);
    const gone = await stewardWithKey(agency);
    expect((await act(gone.membershipId, "revoke")).status).toBe(200);
    const res = await admin.fetch(`/api/v1/admin/applications?status=active&agencyId=${agency.id}`);
    const { applications } = (await res.json()) as { applications: { id: string }[] };
    expect(applications.map((a) => a.id)).toEqual([live.applicationId]);
  });

  it("the steward's own pages stop calling a revoked role active, and give the reason", async () => {
    const s = await stewardWithKey();
    const reason = `เหตุผล ${unique("r")}`;
    expect((await act(s.membershipId, "revoke", reason)).status).toBe(200);
    for (const path of ["/applications", `/applications/${s.applicationId}`]) {
      const html = await (await s.client.fetch(path)).text();
      expect(html, path).not.toContain("ท่านเป็นผู้ดูแลข้อมูลของหน่วยงานนี้");
      expect(html, path).toContain("เพิกถอนแล้ว");
      expect(html, path).toContain(reason);
    }
  });
});

describe("the stewards pages in one language", () => {
  it("the list and a steward's page are Thai by default and English when asked, never both", async () => {
    const s = await stewardWithKey();
    const thaiAgency = `หน่วยงานทดสอบ ${s.agency.id}`;
    const englishAgency = `Test agency ${s.agency.id}`;
    const pages = [`/admin/stewards?agencyId=${s.agency.id}`, `/admin/stewards/${s.membershipId}`];
    for (const path of pages) {
      const th = await (await admin.fetch(path)).text();
      const en = await (await admin.fetch(path, { headers: { "Accept-Language": "en" } })).text();
      expect(th, path).toContain("กุญแจที่ใช้งานได้");
      expect(th, path).not.toContain("Active keys");
      expect(th, path).toContain(thaiAgency);
      expect(th, path).not.toContain(englishAgency);
      expect(en, path).toContain("Active keys");
      expect(en, path).not.toContain("กุญแจที่ใช้งานได้");
      expect(en, path).toContain(englishAgency);
      expect(en, path).not.toContain(thaiAgency);
    }
    const detail = await (await admin.fetch(pages[1]!, { headers: { "Accept-Language": "en" } })).text();
    expect(detail).toContain("Steward since");
    expect(detail).not.toContain("เป็นผู้ดูแลข้อมูลตั้งแต่");
  });
});
