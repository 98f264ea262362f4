import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { ADMIN_EMAIL, signInAdmin } from "../helpers/auth-db";
import { applicant, steward, submit, verify } from "../helpers/flow-approval";
import { asPage, open, redirected, textOf } from "../helpers/pages-forms";
import { auditOf, rows, snapshot } from "../helpers/db";

// The administrators' console in pages: tabs, search, steward and person actions through
// confirmation pages (Post/Redirect/Get, banner at the top), agencies, terms, audit trail.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const one = async (sql: string, ...params: unknown[]) => (await rows(sql, ...params))[0]!;

async function stewardWithKey() {
  const agency = await createAgency();
  const s = await steward(agency);
  const res = await s.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
  expect(res.status).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  return { ...s, agency, secret };
}

/** A page as a browser that prefers English gets it (pages are Thai by default). */
async function openEnglish(client: Client, path: string, status = 200) {
  return asPage(path, await client.fetch(path, { headers: { "Accept-Language": "en" } }), status);
}

/** The success banner comes before the page's heading: seen first, announced (role=status). */
function bannerFirst(html: string, text: string) {
  const banner = html.indexOf('class="notice success"');
  expect(banner, "a success banner").toBeGreaterThan(-1);
  expect(banner).toBeLessThan(html.indexOf("<h1"));
  expect(textOf(html)).toContain(text);
}

describe("the console home and its tabs", () => {
  it("shows counts and a tab per list, the current one marked aria-current", async () => {
    const page = await open(admin, "/admin");
    expect(page.headers.get("cache-control")).toContain("no-store");
    for (const href of [
      "/admin/review",
      "/admin/applications",
      "/admin/stewards",
      "/admin/agencies",
      "/admin/people",
      "/admin/terms",
      "/admin/audit",
    ])
      expect(page.html, href).toContain(`href="${href}"`);
    expect(page.html).toMatch(/<a href="\/admin" aria-current="page">/);
    const stewards = await open(admin, "/admin/stewards");
    expect(stewards.html).toMatch(/<a href="\/admin\/stewards" aria-current="page">/);
  });

  it("no page of the console, nor any of its forms, is for a signed-in non-administrator", async () => {
    const s = await stewardWithKey();
    const before = await snapshot();
    for (const path of [
      "/admin",
      "/admin/stewards",
      "/admin/people",
      "/admin/audit",
      "/admin/audit.csv",
      "/admin/terms",
    ])
      await open(s.client, path, 403);
    for (const path of [
      `/admin/stewards/${s.membershipId}/revoke`,
      `/admin/people/${s.userId}/suspend`,
      `/admin/people/${s.userId}/grant-admin`,
      `/admin/agencies/${s.agency.id}/expire-keys`,
    ])
      expect((await s.client.form(path, { reason: "x", graceSeconds: "0" })).status, path).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("the forms that acted on pasted ids are gone", async () => {
    expect((await admin.form("/admin/users", { userId: "usr_x", action: "suspend", reason: "x" })).status).toBe(404);
    expect((await admin.form("/admin/memberships/revoke", { membershipId: "mem_x", reason: "x" })).status).toBe(404);
  });
});

describe("a steward found by name, revoked through the confirmation page", () => {
  it("search by Thai name, confirm page says what happens, no reason refused, then Post/Redirect/Get with a banner", async () => {
    const s = await stewardWithKey();
    const list = await open(admin, `/admin/stewards?q=${encodeURIComponent(s.name)}`);
    expect(list.html).toContain(`href="/admin/stewards/${s.membershipId}"`);
    const detail = await open(admin, `/admin/stewards/${s.membershipId}`);
    expect(textOf(detail.html)).toContain(`หน่วยงานทดสอบ ${s.agency.id}`);
    expect(detail.html).toContain(`href="/admin/stewards/${s.membershipId}/confirm/revoke"`);

    const confirm = await open(admin, `/admin/stewards/${s.membershipId}/confirm/revoke`);
    expect(textOf(confirm.html)).toContain("กุญแจเผยแพร่ข้อมูล 1 ดอกจะหยุดทำงานทันที");
    const english = await openEnglish(admin, `/admin/stewards/${s.membershipId}/confirm/revoke`);
    expect(textOf(english.html)).toContain("1 publish key(s) stop now");
    expect(confirm.html).toContain(`href="/admin/stewards/${s.membershipId}"`); // cancel

    const before = await snapshot();
    const refused = await asPage(
      "confirm",
      await confirm.submit(admin, `/admin/stewards/${s.membershipId}/revoke`, { reason: "   " }),
      400,
    );
    expect(refused.html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(refused.html).toContain('id="reason-error"');
    expect(await snapshot()).toEqual(before);

    const location = redirected(
      await confirm.submit(admin, `/admin/stewards/${s.membershipId}/revoke`, { reason: "ย้ายไปหน่วยงานอื่น" }),
      `/admin/stewards/${s.membershipId}?done=revoked`,
    );
    bannerFirst((await open(admin, location)).html, "เพิกถอนบทบาทแล้ว");
    expect((await verify(s.secret)).body.code).toBe("REVOKED");
    const [event] = await auditOf(`membership:${s.membershipId}`, "membership.revoked");
    expect(event).toMatchObject({ actor: `admin:${ADMIN_EMAIL}` });
  });

  it("suspend then reinstate from the steward's page; a revoked role offers no action", async () => {
    const s = await stewardWithKey();
    let confirm = await open(admin, `/admin/stewards/${s.membershipId}/confirm/suspend`);
    redirected(await confirm.submit(admin, `/admin/stewards/${s.membershipId}/suspend`, { reason: "ตรวจสอบ" }));
    expect((await verify(s.secret)).body.code).toBe("DISABLED");
    const page = await open(admin, `/admin/stewards/${s.membershipId}?done=role-suspended`);
    expect(page.html).toContain(`/admin/stewards/${s.membershipId}/confirm/reinstate`);
    expect(page.html).not.toContain(`/admin/stewards/${s.membershipId}/confirm/suspend`);
    confirm = await open(admin, `/admin/stewards/${s.membershipId}/confirm/reinstate`);
    redirected(await confirm.submit(admin, `/admin/stewards/${s.membershipId}/reinstate`, { reason: "เรียบร้อย" }));
    expect((await verify(s.secret)).body.code).toBe("VALID");
  });

  it("forced rotation from the steward's page asks for a grace (0 – 7 days) and never shows a secret", async () => {
    const s = await stewardWithKey();
    const confirm = await open(admin, `/admin/stewards/${s.membershipId}/confirm/expire-keys`);
    expect(confirm.form(`/admin/stewards/${s.membershipId}/expire-keys`).choices.get("graceSeconds")).toEqual(
      new Set(["0", "3600", "86400", "259200", "604800"]),
    );
    const refused = await admin.form(`/admin/stewards/${s.membershipId}/expire-keys`, {
      reason: "x",
      graceSeconds: "604801",
    });
    expect(refused.status).toBe(400);
    const res = await confirm.submit(admin, `/admin/stewards/${s.membershipId}/expire-keys`, {
      reason: "ครบรอบเปลี่ยนกุญแจ",
      graceSeconds: "0",
    });
    const page = await open(admin, redirected(res));
    expect(page.html).not.toContain(s.secret);
    expect((await verify(s.secret)).body.code).toBe("EXPIRED");
  });
});

describe("what the console says, and when it refuses", () => {
  it("the reason's label says who is e-mailed it; impossible actions have no confirmation page (409)", async () => {
    const s = await stewardWithKey();
    const confirm = await open(admin, `/admin/stewards/${s.membershipId}/confirm/suspend`);
    expect(textOf(confirm.html)).toContain("ส่งถึงผู้ดูแลข้อมูลทางอีเมล");
    const english = await openEnglish(admin, `/admin/stewards/${s.membershipId}/confirm/suspend`);
    expect(textOf(english.html)).toContain("e-mailed to the steward");
    await open(admin, `/admin/stewards/${s.membershipId}/confirm/reinstate`, 409);
    await open(admin, `/admin/people/${s.userId}/confirm/reactivate`, 409);
  });

  it("a revoked steward's application shows the role's state on the console's list, not Active", async () => {
    const s = await stewardWithKey();
    await admin.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, { reason: "ทดสอบ" });
    const list = await open(admin, `/admin/applications?status=all&q=${encodeURIComponent(s.email)}`);
    const card = list.html.slice(list.html.indexOf('<ul class="list">'));
    expect(card).toContain('class="badge revoked"');
    expect(textOf(card)).toContain("เพิกถอนแล้ว");
    expect(textOf(card)).not.toContain("ใช้งานอยู่");
  });

  it("a forged cursor on a list page says what is wrong", async () => {
    for (const path of ["/admin/stewards", "/admin/people", "/admin/applications"]) {
      const page = await open(admin, `${path}?cursor=zzz!`, 400);
      // A notice, or the error summary at the top (its message belongs to no field).
      expect(page.html, path).toMatch(/class="(notice error|error-summary)"/);
    }
  });

  it("forced rotation of someone without live keys says no key changed", async () => {
    const s = await steward(await createAgency());
    const res = await admin.form(`/admin/people/${s.userId}/expire-keys`, { reason: "ทดสอบ", graceSeconds: "0" });
    const location = redirected(res, `/admin/people/${s.userId}?done=keys-none`);
    bannerFirst((await open(admin, location)).html, "จึงไม่มีกุญแจใดเปลี่ยน");
    bannerFirst((await openEnglish(admin, location)).html, "no key changed");
  });
});

describe("people", () => {
  it("suspend and reactivate through the person's page, audited", async () => {
    const s = await stewardWithKey();
    const found = await open(admin, `/admin/people?q=${encodeURIComponent(s.email)}`);
    expect(found.html).toContain(`href="/admin/people/${s.userId}"`);
    const confirm = await open(admin, `/admin/people/${s.userId}/confirm/suspend`);
    await asPage("confirm", await confirm.submit(admin, `/admin/people/${s.userId}/suspend`, { reason: "" }), 400);
    expect(await one("SELECT status FROM users WHERE id = ?", s.userId)).toEqual({ status: "active" });
    const location = redirected(
      await confirm.submit(admin, `/admin/people/${s.userId}/suspend`, { reason: "บัญชีถูกใช้ผิดวัตถุประสงค์" }),
      `/admin/people/${s.userId}?done=suspended`,
    );
    bannerFirst((await open(admin, location)).html, "ระงับบัญชีแล้ว");
    expect((await s.client.fetch("/api/v1/me")).status).toBe(401);
    expect((await verify(s.secret)).body).toMatchObject({ code: "DISABLED", reason: "account_suspended" });
    const back = await open(admin, `/admin/people/${s.userId}/confirm/reactivate`);
    redirected(await back.submit(admin, `/admin/people/${s.userId}/reactivate`, { reason: "ตรวจสอบแล้ว" }));
    expect((await verify(s.secret)).body.code).toBe("VALID");
    expect(await auditOf(`user:${s.userId}`, "user.reactivated")).toHaveLength(1);
  });

  it("the last administrator's own removal is refused on the confirmation page (409)", async () => {
    const [me] = await rows("SELECT id FROM users WHERE email = ?", ADMIN_EMAIL);
    const res = await admin.form(`/admin/people/${me!.id}/revoke-admin`, { reason: "ทดสอบ" });
    const page = await asPage("confirm", res, 409);
    expect(textOf(page.html)).toContain("ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน");
    expect(page.html).toContain('class="error-summary"');
  });
});

describe("agencies", () => {
  it("searches the directory and lists an agency's stewards and open applications on its page", async () => {
    const s = await stewardWithKey();
    const waiting = await applicant(s.agency);
    const app = await submit(waiting, s.agency.id);
    const list = await open(admin, `/admin/agencies?q=${encodeURIComponent(s.agency.id)}`);
    expect(list.html).toContain(`href="/admin/agencies/${s.agency.id}"`);
    expect(textOf((await open(admin, `/admin/agencies?q=${unique("none")}`)).html)).toContain("ไม่พบหน่วยงาน");
    const page = await open(admin, `/admin/agencies/${s.agency.id}`);
    expect(page.html).toContain(`href="/admin/stewards/${s.membershipId}"`);
    expect(page.html).toContain(`href="/applications/${app.id}"`);
    expect(page.html).toContain(`/admin/agencies/${s.agency.id}/confirm/expire-keys`);
  });

  it("forced rotation for a whole agency through its confirmation page", async () => {
    const s = await stewardWithKey();
    const confirm = await open(admin, `/admin/agencies/${s.agency.id}/confirm/expire-keys`);
    expect(textOf(confirm.html)).toContain("กุญแจ 1 ดอกของเจ้าของ 1 คน");
    const english = await openEnglish(admin, `/admin/agencies/${s.agency.id}/confirm/expire-keys`);
    expect(textOf(english.html)).toContain("1 key(s) of 1 owner(s)");
    const location = redirected(
      await confirm.submit(admin, `/admin/agencies/${s.agency.id}/expire-keys`, {
        reason: "ย้ายระบบ",
        graceSeconds: "0",
      }),
      `/admin/agencies/${s.agency.id}?done=keys-expired`,
    );
    bannerFirst((await open(admin, location)).html, "กำหนดให้กุญแจหมดอายุแล้ว");
    expect((await verify(s.secret)).body.code).toBe("EXPIRED");
  });
});

describe("terms and the audit trail", () => {
  it("publish terms with a future effective date: stored, audited, not yet current", async () => {
    const page = await open(admin, "/admin/terms");
    const version = unique("v");
    const form = {
      version,
      titleTh: "ข้อตกลงฉบับใหม่",
      titleEn: "New terms",
      bodyTh: "เนื้อหา",
      bodyEn: "Text",
      effectiveAt: "2099-01-01T09:00",
    };
    redirected(await page.submit(admin, "/admin/terms", form), "/admin/terms?done=terms");
    expect(await one("SELECT title_en, effective_at FROM terms_versions WHERE version = ?", version)).toEqual({
      title_en: "New terms",
      effective_at: Date.parse("2099-01-01T02:00:00Z"),
    });
    const again = await asPage("/admin/terms", await page.submit(admin, "/admin/terms", form), 409);
    expect(again.form("/admin/terms").defaults.titleTh).toBe("ข้อตกลงฉบับใหม่");
    expect((await open(admin, "/admin/terms")).html).toContain("<code>test-1</code>");
  });

  it("shows events as Thai sentences linked to what they concern, with a CSV of the same filters", async () => {
    const s = await stewardWithKey();
    await admin.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, { reason: "ทดสอบบันทึก" });
    const subject = `membership:${s.membershipId}`;
    const page = await open(admin, `/admin/audit?subject=${encodeURIComponent(subject)}`);
    expect(textOf(page.html)).toContain("เพิกถอนบทบาทผู้ดูแลข้อมูล");
    expect(textOf(page.html)).toContain("เหตุผล: ทดสอบบันทึก");
    expect(page.html).toContain(`href="/admin/stewards/${s.membershipId}"`);
    expect(page.html).toContain(`/admin/audit.csv?subject=${encodeURIComponent(subject)}`);
    const csv = await admin.fetch(`/admin/audit.csv?subject=${encodeURIComponent(subject)}`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(subject);
    expect(text).not.toContain(`application:${s.applicationId}`);
    await open(admin, "/admin/audit?from=not-a-date", 400);
  });
});
