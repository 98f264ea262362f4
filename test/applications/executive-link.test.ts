import { afterEach, describe, expect, it } from "vitest";
import { DAY } from "../../src/lib/clock";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, ORIGIN, lastMailTo } from "../helpers/client";
import { createAgency, unique, type AgencyFixture } from "../helpers/fixtures";
import { applicant, approvalLink, decide, getApplication, me, submit } from "../helpers/flow-approval";
import { outboxTo, snapshot } from "../helpers/db";

afterEach(() => setDevClockOffset(0));

/** Every page under /approvals/ is HTML, never cached and never leaks its URL. */
async function expectLinkPage(res: Response, status: number): Promise<string> {
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(res.headers.get("cache-control")).toMatch(/no-store/);
  expect(["no-referrer", "same-origin"]).toContain(res.headers.get("referrer-policy"));
  return body;
}

const forms = (html: string) => html.match(/<form\b[^>]*>/gi) ?? [];

async function pending(options: { reviewRequired?: boolean } = {}) {
  const agency = await createAgency(options);
  const who = await applicant(agency);
  const reason = `เผยแพร่ชุดข้อมูล reason-${unique()}`;
  const application = await submit(who, agency.id, { reason });
  const link = await approvalLink(agency.executiveEmail!);
  return { agency, who, reason, application, link };
}

function agencyNames(agency: AgencyFixture) {
  return [`หน่วยงานทดสอบ ${agency.id}`, `Test agency ${agency.id}`];
}

describe("the executive's approval link", () => {
  it("is the one link of the approval e-mail, <origin>/approvals/<token>", async () => {
    const { agency, link } = await pending();
    const mail = await lastMailTo(agency.executiveEmail!);
    const links = new Set(
      [...`${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)]
        .map((m) => m[0])
        .filter((u) => u.includes("/approvals/")),
    );
    expect([...links]).toEqual([`${ORIGIN}${link}`]);
    expect(link).toMatch(/^\/approvals\/[A-Za-z0-9]{22,}$/);
  });

  it("GET and HEAD change nothing; GET shows applicant, agency, role and reason with one post form", async () => {
    const { agency, who, reason, link } = await pending();
    const before = await snapshot();
    const page = await expectLinkPage(await new Client().fetch(link), 200);
    const head = await new Client().fetch(link, { method: "HEAD" });
    await expectLinkPage(head, 200);
    await new Client().fetch(link);
    expect(await snapshot()).toEqual(before);

    // Thai by default: the agency's Thai name, not its English one.
    for (const text of [who.name, who.email, agencyNames(agency)[0]!, reason, "ผู้ดูแลข้อมูล"]) expect(page).toContain(text);
    expect(page).not.toContain(agencyNames(agency)[1]!);
    expect(forms(page)).toHaveLength(1);
    expect(forms(page)[0]).toMatch(/method="post"/i);
    const action = /action="([^"]*)"/.exec(forms(page)[0]!)?.[1];
    if (action !== undefined) expect(["", link, `${ORIGIN}${link}`]).toContain(action);
    expect(page).toMatch(/name="decision"[^>]*value="approve"|value="approve"[^>]*name="decision"/);
    expect(page).toMatch(/name="decision"[^>]*value="reject"|value="reject"[^>]*name="decision"/);
  });

  it("approve (no review): approved, an active steward membership, the applicant told; the link is then used", async () => {
    const { agency, who, application, link } = await pending();
    const done = await expectLinkPage(await decide(link, "approve"), 200);
    expect(forms(done)).toHaveLength(0);

    const after = await getApplication(who.client, application.id);
    expect(after.status).toBe("approved");
    expect(after.decidedBy).toBe(agency.executiveEmail);
    const { roles } = await me(who.client);
    expect(roles).toEqual([expect.objectContaining({ role: "steward", agencyId: agency.id, status: "active" })]);
    const told = (await outboxTo(who.email)).filter(
      (m) => String(m.template).startsWith("application_") && m.template !== "application_received",
    );
    expect(told.map((m) => m.template)).toEqual(["application_approved"]);

    const before = await snapshot();
    for (const res of [
      await decide(link, "approve"),
      await decide(link, "reject", "changed my mind"),
      await new Client().fetch(link),
    ]) {
      const page = await expectLinkPage(res, 409);
      expect(page).toContain("คำขอนี้ได้รับการตัดสินใจแล้ว");
      expect(page).toContain(agency.executiveEmail!);
      expect(forms(page)).toHaveLength(0);
    }
    const english = await expectLinkPage(await new Client().fetch(link, { headers: { "Accept-Language": "en" } }), 409);
    expect(english).toMatch(/already decided \(Approved\) by director@/i);
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, application.id)).status).toBe("approved");
  });

  it("reject with a reason: rejected, no membership; the reason is on the application, never in an e-mail (it came without a session)", async () => {
    const { who, application, link } = await pending();
    const reason = `ยังไม่ได้รับมอบหมาย not-assigned-${unique()}`;
    await expectLinkPage(await decide(link, "reject", reason), 200);
    const after = (await getApplication(who.client, application.id)) as { status: string; decisionReason?: string };
    expect(after.status).toBe("rejected");
    expect(after.decisionReason).toBe(reason);
    expect((await me(who.client)).roles).toEqual([]);
    const mail = await lastMailTo(who.email);
    expect(mail.subject).toMatch(/reject|ไม่อนุมัติ/i);
    expect(mail.text).not.toContain(reason);
    expect(mail.html).not.toContain("not-assigned");
    expect(mail.text).toContain("shown on your application page");
    await expectLinkPage(await new Client().fetch(link), 409);
  });

  it("an unknown token is 404 HTML, for GET, HEAD and POST, and changes nothing", async () => {
    await pending();
    const before = await snapshot();
    const unknown = `/approvals/${"x".repeat(43)}`;
    expect(forms(await expectLinkPage(await new Client().fetch(unknown), 404))).toHaveLength(0);
    await expectLinkPage(await new Client().fetch(unknown, { method: "HEAD" }), 404);
    await expectLinkPage(await decide(unknown, "approve"), 404);
    expect(await snapshot()).toEqual(before);
  });

  it("a post without a valid decision is an HTML error page and changes nothing", async () => {
    const { who, application, link } = await pending();
    const before = await snapshot();
    const res = await decide(link, "maybe");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await expectLinkPage(res, res.status);
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_executive");
  });

  it("after 15 days the link answers 410 to GET and POST, and nothing changes", async () => {
    const { who, application, link } = await pending();
    const before = await snapshot();
    setDevClockOffset(15 * DAY);
    const page = await expectLinkPage(await new Client().fetch(link), 410);
    expect(forms(page)).toHaveLength(0);
    await expectLinkPage(await decide(link, "approve"), 410);
    setDevClockOffset(0);
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_executive");
  });

  it("a withdrawn application's link answers 409 and decides nothing", async () => {
    const { who, application, link } = await pending();
    expect((await who.client.json("POST", `/api/v1/applications/${application.id}/withdraw`)).status).toBe(200);
    const before = await snapshot();
    expect(forms(await expectLinkPage(await new Client().fetch(link), 409))).toHaveLength(0);
    await expectLinkPage(await decide(link, "approve"), 409);
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, application.id)).status).toBe("withdrawn");
    expect((await me(who.client)).roles).toEqual([]);
  });

  it("an agency with DGA review: approve moves the application to awaiting_review, no membership yet", async () => {
    const { who, application, link } = await pending({ reviewRequired: true });
    const page = await expectLinkPage(await decide(link, "approve"), 200);
    expect(page).toContain("ขั้นต่อไป สพร. จะตรวจสอบคำขอก่อนให้สิทธิ์");
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_review");
    expect((await me(who.client)).roles).toEqual([]);
    await expectLinkPage(await new Client().fetch(link), 409);
  });
});

describe("the approval form's origin check", () => {
  it("accepts a real browser's post from a no-referrer page: Origin: null with Sec-Fetch-Site: same-origin", async () => {
    const { who, application, link } = await pending();
    await expectLinkPage(
      await decide(link, "approve", undefined, { Origin: "null", "Sec-Fetch-Site": "same-origin" }),
      200,
    );
    expect((await getApplication(who.client, application.id)).status).toBe("approved");
  });

  it("refuses Origin: null alone and a cross-site post, changing nothing", async () => {
    const { who, application, link } = await pending();
    const before = await snapshot();
    const refused = [
      await decide(link, "approve", undefined, { Origin: "null" }),
      await decide(link, "approve", undefined, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }),
    ];
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_executive");
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    }
  });
});

describe("every page under /approvals/ is HTML with Cache-Control: no-store and Referrer-Policy", () => {
  it("also the refused cross-site post, an oversized body and unknown sub-paths", async () => {
    const { link } = await pending();
    const pages: [string, Response, number][] = [
      ["refused Origin: null", await decide(link, "approve", undefined, { Origin: "null" }), 403],
      ["over 64 KiB", await decide(link, "approve", "x".repeat(70 * 1024)), 413],
      ["/approvals/a/b", await new Client().fetch("/approvals/a/b"), 404],
    ];
    const seen = pages.map(([what, res]) => ({
      what,
      status: res.status,
      type: res.headers.get("content-type")?.split(";")[0],
      cache: res.headers.get("cache-control"),
      referrer: res.headers.get("referrer-policy"),
    }));
    expect(seen).toEqual(
      pages.map(([what, , status]) => ({
        what,
        status,
        type: "text/html",
        cache: expect.stringMatching(/no-store/),
        referrer: expect.stringMatching(/^(no-referrer|same-origin)$/),
      })),
    );
  });
});
