import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDeps } from "../../src/middleware/deps";
import { waitingUntil } from "../../src/services/identity/people";
import { Client } from "../helpers/client";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import { steward } from "../helpers/flow-approval";
import { auditOf, rows } from "../helpers/db";
import { signInWith } from "../helpers/identity-auth";
import { asPage, open, textOf } from "../helpers/pages-forms";

// People for administrators (CONTRACT: GET /api/v1/admin/users, POST /api/v1/admin/users/:id/admin).
// This file's database is its own: the configured administrator is the only one at the start.

let admin: Client;
let adminId: string;
beforeAll(async () => {
  admin = await signInAdmin();
  adminId = ((await (await admin.fetch("/api/v1/me")).json()) as { user: { id: string } }).user.id;
});

interface UserJson {
  id: string;
  email: string;
  name: string;
  status: string;
  isAdmin: boolean;
  createdAt: string;
}

async function search(query: string) {
  const res = await admin.fetch(`/api/v1/admin/users${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { users: UserJson[]; nextCursor?: string };
}

async function person(name = `คนทดสอบ ${unique("p")}`) {
  const email = `${unique("u")}@mail.go.th`;
  const client = await signIn(email, name);
  const id = ((await (await client.fetch("/api/v1/me")).json()) as { user: { id: string } }).user.id;
  return { client, email, name, id };
}

const setAdmin = (who: Client, id: string, grant: boolean) =>
  who.json("POST", `/api/v1/admin/users/${id}/admin`, { grant, reason: "ทดสอบ / test" });

describe("GET /api/v1/admin/users", () => {
  it("finds people by part of a Thai name or an e-mail, with status, role and when they joined", async () => {
    const p = await person(`สมหญิง ${unique("x")}`);
    const byName = await search(`?q=${encodeURIComponent(p.name.slice(0, 10))}`);
    expect(byName.users.find((u) => u.id === p.id)).toMatchObject({
      email: p.email,
      name: p.name,
      status: "active",
      isAdmin: false,
    });
    expect((await search(`?q=${encodeURIComponent(p.email)}`)).users.map((u) => u.id)).toEqual([p.id]);
    expect((await search(`?q=${encodeURIComponent(ADMIN_EMAIL)}`)).users[0]).toMatchObject({ isAdmin: true });
  });

  it("pages with a cursor and filters by status", async () => {
    const tag = unique("page");
    for (let i = 0; i < 3; i++) await person(`${tag} ${i}`);
    const first = await search(`?q=${tag}&limit=2`);
    const second = await search(`?q=${tag}&limit=2&cursor=${first.nextCursor}`);
    expect(new Set([...first.users, ...second.users].map((u) => u.id)).size).toBe(3);
    expect((await search(`?q=${tag}&status=suspended`)).users).toEqual([]);
  });

  it("GET /api/v1/admin/users/:id gives the person's addresses, roles and keys", async () => {
    const s = await steward(await createAgency());
    const res = await admin.fetch(`/api/v1/admin/users/${s.userId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { emails: { email: string }[]; roles: { membershipId: string }[] };
    expect(body.emails.map((e) => e.email)).toContain(s.email);
    expect(body.roles.map((r) => r.membershipId)).toEqual([s.membershipId]);
    await expectProblem(await admin.fetch("/api/v1/admin/users/usr_nobody"), 404, "not_found");
  });
});

describe("the administrator role", () => {
  it("the last active administrator can neither remove their role nor be suspended (409 last_administrator)", async () => {
    await expectProblem(await setAdmin(admin, adminId, false), 409, "last_administrator");
    await expectProblem(
      await admin.json("POST", `/api/v1/admin/users/${adminId}/suspend`, { reason: "x" }),
      409,
      "last_administrator",
    );
    expect(await rows("SELECT is_admin, status FROM users WHERE id = ?", adminId)).toEqual([
      { is_admin: 1, status: "active" },
    ]);
    // A refused suspension ends no session and writes no audit event.
    expect((await admin.fetch("/api/v1/me")).status).toBe(200);
    expect(await auditOf(`user:${adminId}`, "user.suspended")).toEqual([]);
  });

  it("grant gives the console at once; removal takes it away at once; both audited", async () => {
    const p = await person();
    expect((await p.client.fetch("/api/v1/admin/stewards")).status).toBe(403);
    const granted = await setAdmin(admin, p.id, true);
    expect(granted.status).toBe(200);
    expect(((await granted.json()) as { user: UserJson }).user.isAdmin).toBe(true);
    expect((await p.client.fetch("/api/v1/admin/stewards")).status).toBe(200);
    expect((await setAdmin(admin, p.id, false)).status).toBe(200);
    expect((await p.client.fetch("/api/v1/admin/stewards")).status).toBe(403);
    const actions = (await auditOf(`user:${p.id}`)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["admin.granted", "admin.revoked"]));
  });

  it("two administrators removing each other at once: one remains", async () => {
    const p = await person();
    expect((await setAdmin(admin, p.id, true)).status).toBe(200);
    // Leave exactly these two as the active administrators, then each removes the other.
    const [a, b] = await Promise.all([setAdmin(admin, p.id, false), setAdmin(p.client, adminId, false)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const left = await rows("SELECT id FROM users WHERE is_admin = 1 AND status = 'active'");
    expect(left).toHaveLength(1);
    // Put the configured administrator back for the rest of the file.
    if (left[0]!.id !== adminId) expect((await setAdmin(p.client, adminId, true)).status).toBe(200);
  });
});

describe("ADMIN_EMAILS bootstraps once", () => {
  it("a configured administrator whose role was removed stays removed when they sign in again", async () => {
    const other = await person();
    expect((await setAdmin(admin, other.id, true)).status).toBe(200);
    expect((await setAdmin(other.client, adminId, false)).status).toBe(200);
    const again = await signInWith(new Client(), ADMIN_EMAIL);
    expect((await again.fetch("/api/v1/admin/stewards")).status).toBe(403);
    expect(await rows("SELECT is_admin FROM users WHERE id = ?", adminId)).toEqual([{ is_admin: 0 }]);
    expect(await auditOf(`user:${adminId}`, "admin.bootstrapped")).toHaveLength(1);
    // Restore the file's administrator.
    expect((await setAdmin(other.client, adminId, true)).status).toBe(200);
  });
});

describe("actions that do not fit the account's state", () => {
  it("reactivating an active account and making a suspended one an administrator are 409, changing nothing", async () => {
    const p = await person();
    const before = await rows("SELECT count(*) AS n FROM audit_events WHERE subject = ?", `user:${p.id}`);
    await expectProblem(
      await admin.json("POST", `/api/v1/admin/users/${p.id}/reactivate`, { reason: "x" }),
      409,
      "invalid_transition",
    );
    expect((await admin.json("POST", `/api/v1/admin/users/${p.id}/suspend`, { reason: "x" })).status).toBe(200);
    await expectProblem(await setAdmin(admin, p.id, true), 409, "invalid_transition");
    expect(await rows("SELECT is_admin FROM users WHERE id = ?", p.id)).toEqual([{ is_admin: 0 }]);
    const after = await rows("SELECT count(*) AS n FROM audit_events WHERE subject = ?", `user:${p.id}`);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1); // the suspension only
  });
});

describe("unlock", () => {
  it("ends the waits that wrong codes put on the person's address, and is audited", async () => {
    const p = await person();
    const far = Date.now() + 30 * 60_000;
    await rows(
      "INSERT INTO code_failures (key, failures, last_failure_at, locked_until) VALUES (?, 25, ?, ?)",
      `email_sign_in:${p.email}`,
      Date.now(),
      far,
    );
    const before = (await (await admin.fetch(`/api/v1/admin/users/${p.id}`)).json()) as { waitingUntil: string | null };
    expect(before.waitingUntil).toBe(new Date(far).toISOString());
    const res = await admin.json("POST", `/api/v1/admin/users/${p.id}/unlock`, { reason: "ผู้ใช้ยืนยันตัวตนทางโทรศัพท์" });
    expect(await res.json()).toEqual({ cleared: 1 });
    const after = (await (await admin.fetch(`/api/v1/admin/users/${p.id}`)).json()) as { waitingUntil: string | null };
    expect(after.waitingUntil).toBeNull();
    expect(await auditOf(`user:${p.id}`, "user.unlocked")).toHaveLength(1);
  });

  it("a person of two addresses waits only for a wait that has not ended, whichever address holds it", async () => {
    const [first, second] = [`${unique("w")}@mail.go.th`, `${unique("w")}@mail.go.th`];
    const now = Date.now();
    await rows(
      "INSERT INTO code_failures (key, failures, last_failure_at, locked_until) VALUES (?, 9, ?, ?)",
      `email_sign_in:${first}`,
      now - 3_600_000,
      now - 60_000,
    );
    const deps = buildDeps(env);
    expect(await waitingUntil(deps, [first, second])).toBeNull();
    expect(await waitingUntil(deps, [second, first])).toBeNull();
    await rows(
      "INSERT INTO code_failures (key, failures, last_failure_at, locked_until) VALUES (?, 9, ?, ?)",
      `email_sign_in:${second}`,
      now,
      now + 600_000,
    );
    expect(await waitingUntil(deps, [first, second])).toBe(now + 600_000);
  });
});

describe("the people pages' language", () => {
  const english = async (path: string) =>
    asPage(path, await admin.fetch(path, { headers: { "Accept-Language": "en" } }));

  it("the list and a person's page are Thai by default and English when preferred, never both", async () => {
    const p = await person(`สมศรี ${unique("lang")}`);
    const list = `/admin/people?q=${encodeURIComponent(p.email)}`;
    const thaiList = await open(admin, list);
    expect(thaiList.html).toContain("<h1>ผู้ใช้</h1>");
    expect(thaiList.html).toContain('<th scope="col">สมัครเมื่อ</th>');
    expect(thaiList.html).toContain('<td data-label="สถานะ">');
    expect(textOf(thaiList.html)).not.toMatch(/Joined|Active/);
    const englishList = await english(list);
    expect(englishList.html).toContain("<h1>People</h1>");
    expect(englishList.html).toContain('<th scope="col">Joined</th>');
    expect(textOf(englishList.html)).toContain("Active");
    expect(textOf(englishList.html)).not.toMatch(/สมัครเมื่อ|ใช้งานได้/);

    const thaiPerson = await open(admin, `/admin/people/${p.id}`);
    expect(textOf(thaiPerson.html)).toContain("อีเมลที่ยืนยันแล้ว");
    expect(textOf(thaiPerson.html)).not.toContain("Verified e-mails");
    const englishPerson = await english(`/admin/people/${p.id}`);
    expect(englishPerson.html).toContain(`<h1>Person: ${p.name}</h1>`);
    expect(textOf(englishPerson.html)).toContain("Verified e-mails");
    expect(textOf(englishPerson.html)).not.toContain("อีเมลที่ยืนยันแล้ว");
  });
});
