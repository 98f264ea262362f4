import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { signInAdmin } from "../helpers/auth-db";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, submit } from "../helpers/flow-approval";
import { auditOf, rows } from "../helpers/db";
import { open, redirected } from "../helpers/pages-forms";

// What administrators see of the mail (issue 12): dead letters with a retry, suppressions with a
// lift, approvals whose approver's address refused mail, counts on the console; /dev/mail in a browser.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function failedMessage(to: string, body = "รหัสของท่านคือ 123456") {
  const id = unique("msg_");
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO outbox (id, template, \"to\", subject, text, html, status, attempts, next_attempt_at, last_error, created_at) VALUES (?, 'test_message', ?, 'Subject', ?, ?, 'failed', 8, ?, 'internal_server_error (500): An unexpected error occurred.', ?)",
  )
    .bind(id, JSON.stringify([to]), body, `<p>${body}</p>`, now, now)
    .run();
  return id;
}

async function suppress(address: string) {
  await env.DB.prepare(
    "INSERT INTO email_suppressions (address, reason, detail, created_at) VALUES (?, 'bounce', '550 user unknown', ?)",
  )
    .bind(address, Date.now())
    .run();
}

describe("dead letters", () => {
  it("GET /api/v1/admin/mail lists failed messages without their bodies; retry sends again once, audited", async () => {
    const to = `${unique("dead")}@mail.go.th`;
    const id = await failedMessage(to);
    const list = (await (await admin.fetch("/api/v1/admin/mail")).json()) as { messages: Record<string, unknown>[] };
    const listed = list.messages.find((m) => m.id === id)!;
    expect(listed).toMatchObject({ to: [to], template: "test_message", status: "failed", attempts: 8 });
    expect(listed.lastError).toMatch(/internal_server_error/);
    expect(JSON.stringify(list)).not.toContain("123456");

    const retried = await admin.json("POST", `/api/v1/admin/mail/${id}/retry`, { reason: "Resend is back" });
    expect(retried.status, await retried.clone().text()).toBe(200);
    const [row] = await rows("SELECT status, attempts FROM outbox WHERE id = ?", id);
    expect(["pending", "local"]).toContain(row!.status);
    expect(await auditOf(`message:${id}`, "mail.retried")).toHaveLength(1);
    const again = await admin.json("POST", `/api/v1/admin/mail/${id}/retry`, {});
    expect(again.status).toBe(409);
    expect((await admin.json("POST", `/api/v1/admin/mail/msg_nothing/retry`, {})).status).toBe(404);
  });

  it("a message whose one-time code died cannot be sent again, erased or not yet", async () => {
    const expired = await failedMessage(`${unique("dead")}@mail.go.th`);
    await env.DB.prepare("UPDATE outbox SET secret_expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, expired)
      .run();
    expect((await admin.json("POST", `/api/v1/admin/mail/${expired}/retry`, {})).status).toBe(409);
    const listed = (await (await admin.fetch("/api/v1/admin/mail")).json()) as {
      messages: { id: string; retryable: boolean }[];
    };
    expect(listed.messages.find((m) => m.id === expired)?.retryable).toBe(false);
    const id = await failedMessage(`${unique("dead")}@mail.go.th`);
    await env.DB.prepare("UPDATE outbox SET body_erased_at = ? WHERE id = ?").bind(Date.now(), id).run();
    const res = await admin.json("POST", `/api/v1/admin/mail/${id}/retry`, {});
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/);
  });

  it("the mail page shows it with a Send again button that works without JavaScript; the console counts it", async () => {
    const to = `${unique("page")}@mail.go.th`;
    const id = await failedMessage(to);
    admin.cookies.set("steward_lang", "en");
    const home = await open(admin, "/admin");
    expect(home.html).toContain('href="/admin/mail#failed"');
    const page = await open(admin, "/admin/mail");
    expect(page.html).toContain(to);
    expect(page.html).not.toContain("123456");
    const res = await page.submit(admin, `/admin/mail/${id}/retry`);
    redirected(res, "/admin/mail?done=retried");
    expect((await open(admin, "/admin/mail?done=retried")).html).toContain("The message is on its way again.");
    admin.cookies.delete("steward_lang");
  });

  it("three administrators retrying one message at once: it is sent again once", async () => {
    const id = await failedMessage(`${unique("race")}@mail.go.th`);
    const second = await signInAdmin();
    const answers = await Promise.all(
      [admin, second, admin].map((who) => who.json("POST", `/api/v1/admin/mail/${id}/retry`, {})),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await auditOf(`message:${id}`, "mail.retried")).toHaveLength(1);
  });

  it("only administrators", async () => {
    const who = await applicant(await createAgency());
    expect((await who.client.fetch("/api/v1/admin/mail")).status).toBe(403);
    expect((await who.client.fetch("/api/v1/admin/suppressions")).status).toBe(403);
  });
});

describe("suppressions", () => {
  it("listed, lifted once with a reason (audited), then gone from the list", async () => {
    const address = `${unique("sup")}@mail.go.th`;
    await suppress(address);
    const listed = (await (await admin.fetch("/api/v1/admin/suppressions")).json()) as {
      suppressions: { address: string; reason: string }[];
    };
    expect(listed.suppressions.find((s) => s.address === address)).toMatchObject({ reason: "bounce" });
    const lifted = await admin.json("POST", "/api/v1/admin/suppressions/lift", {
      address: address.toUpperCase(),
      reason: "the agency created the mailbox",
    });
    expect(lifted.status, await lifted.clone().text()).toBe(200);
    expect(await auditOf(`email:${address}`, "mail.suppression_lifted")).toHaveLength(1);
    const twice = await admin.json("POST", "/api/v1/admin/suppressions/lift", { address, reason: "again" });
    expect(twice.status).toBe(404);
    const after = (await (await admin.fetch("/api/v1/admin/suppressions")).json()) as {
      suppressions: { address: string }[];
    };
    expect(after.suppressions.map((s) => s.address)).not.toContain(address);
  });

  it("four lifts of one address at once: one lifts it, the others find nothing to lift", async () => {
    const address = `${unique("racesup")}@mail.go.th`;
    await suppress(address);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        admin.json("POST", "/api/v1/admin/suppressions/lift", { address, reason: "the mailbox works" }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404, 404, 404]);
    expect(await auditOf(`email:${address}`, "mail.suppression_lifted")).toHaveLength(1);
  });

  it("the page's lift form asks for a reason", async () => {
    const address = `${unique("pagesup")}@mail.go.th`;
    await suppress(address);
    const page = await open(admin, "/admin/mail");
    expect(page.html).toContain(address);
    const blank = await admin.form("/admin/suppressions/lift", { address, reason: "  " });
    expect(blank.status).toBe(400);
    expect(await rows("SELECT lifted_at FROM email_suppressions WHERE address = ?", address)).toEqual([
      { lifted_at: null },
    ]);
    const res = await admin.form("/admin/suppressions/lift", { address, reason: "ยืนยันกับหน่วยงานแล้ว" });
    redirected(res, "/admin/mail?done=lifted");
  });
});

describe("approvals whose approver's address refused mail", () => {
  it("are listed for administrators until the agency's approver is corrected", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    await env.DB.prepare("UPDATE applications SET approver_bounced_at = ?, approver_bounced_address = ? WHERE id = ?")
      .bind(Date.now(), agency.executiveEmail, application.id)
      .run();
    const summary = async () =>
      ((await (await admin.fetch("/api/v1/admin/summary")).json()) as { bouncedApprovals: number }).bouncedApprovals;
    const before = await summary();
    expect(before).toBeGreaterThanOrEqual(1);
    expect((await open(admin, "/admin/mail")).html).toContain(agency.executiveEmail!);

    const fixed = await admin.json("PATCH", `/api/v1/admin/agencies/${agency.id}`, {
      executive: { name: "ผู้อำนวยการ คนใหม่", position: "ผู้อำนวยการ", email: `new.director@${agency.domain}` },
    });
    expect(fixed.status, await fixed.clone().text()).toBe(200);
    expect(await summary()).toBe(before - 1);
    expect((await open(admin, "/admin/mail")).html).not.toContain(agency.executiveEmail!);
  });
});

describe("/dev/mail", () => {
  it("a browser gets a page with the links clickable; anything else gets JSON", async () => {
    const agency = await createAgency();
    const email = `${unique("u")}@${agency.domain}`;
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email })).status).toBe(202);
    const page = await new Client().fetch(`/dev/mail?to=${encodeURIComponent(email)}`, {
      headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<a href="http:\/\/localhost:8787\/[^"]+">/);
    expect(html).toContain(email);
    const json = await new Client().fetch(`/dev/mail?to=${encodeURIComponent(email)}`);
    expect(json.headers.get("content-type")).toMatch(/application\/json/);
  });
});
