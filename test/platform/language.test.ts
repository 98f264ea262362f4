import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { applicant, approvalLink, decide, steward, submit } from "../helpers/flow-approval";
import { rows } from "../helpers/db";
import { open, redirected, textOf } from "../helpers/pages-forms";
import { negotiateLanguage } from "../../src/text/language";
import { applicationTimeline } from "../../src/services/applications/timeline";
import { describeTimelineStep } from "../../src/text/timeline";
import { buildDeps } from "../../src/middleware/deps";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { DAY, MINUTE, fixedClock } from "../../src/lib/clock";
import { db } from "../helpers/fixtures";

// Issue 10, items 1 and 2: one language at a time (cookie, then Accept-Language, then Thai), the
// switch on every page, the service's face (Thai name, DGA's contact, menu, current page, font).

const THAI = /[\u0E00-\u0E7F]/;

describe("the language of a page", () => {
  it("is the chosen one, else the browser's first of Thai and English by quality, else Thai", () => {
    expect(negotiateLanguage(undefined, undefined)).toBe("th");
    expect(negotiateLanguage(undefined, "en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLanguage(undefined, "fr, en;q=0.5, th;q=0.8")).toBe("th");
    expect(negotiateLanguage(undefined, "th;q=0, en;q=0.1")).toBe("en");
    expect(negotiateLanguage(undefined, "de, fr")).toBe("th");
    expect(negotiateLanguage(undefined, "en;q=abc")).toBe("th");
    // Quality values as RFC 9110 writes them: 0 to 1, three decimals at most.
    for (const q of ["5", "0x1", "1e3", "1.5", "0.1234"]) expect(negotiateLanguage(undefined, `en;q=${q}`)).toBe("th");
    expect(negotiateLanguage(undefined, "en;q=0.123, th;q=0.1")).toBe("en");
    expect(negotiateLanguage("th", "en")).toBe("th");
    expect(negotiateLanguage("xx", "en")).toBe("en");
  });

  it("Thai by default: <html lang=th>, the Thai service name and title, no English sentence", async () => {
    const page = await open(new Client(), "/signin");
    expect(page.html).toContain('<html lang="th">');
    expect(page.html).toContain("<title>เข้าสู่ระบบ · ระบบขึ้นทะเบียนผู้ดูแลข้อมูล Data.go.th</title>");
    expect(page.html).not.toMatch(/[\u0E00-\u0E7F][^<]{0,3} \/ [A-Za-z]/);
    expect(page.html).not.toContain("Sign in");
  });

  it("English when the browser asks for it: lang=en, the English name, no Thai outside the switch", async () => {
    const page = await open(new Client(), "/signin", 200);
    const en = await new Client().fetch("/signin", { headers: { "Accept-Language": "en-US,en;q=0.9" } });
    const html = await en.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>Sign in · Data.go.th Data Steward Registration</title>");
    const withoutSwitch = html.replace(/<nav class="languages"[\s\S]*?<\/nav>/, "");
    expect(textOf(withoutSwitch)).not.toMatch(THAI);
    expect(page.html).not.toBe(html);
  });

  it("the switch keeps the choice in a cookie for a year, goes back to the same page, and only to this site", async () => {
    const client = new Client();
    const page = await open(client, "/signin?returnTo=%2Fkeys");
    const link = /<a href="([^"]+)" lang="en" hreflang="en">English<\/a>/.exec(page.html)![1]!.replaceAll("&amp;", "&");
    expect(link).toBe(`/language?to=en&back=${encodeURIComponent("/signin?returnTo=%2Fkeys")}`);
    const res = await client.fetch(link);
    redirected(res, "/signin?returnTo=%2Fkeys");
    expect(res.headers.get("set-cookie")).toMatch(/steward_lang=en; Max-Age=31536000; Path=\/; SameSite=Lax/);
    expect((await open(client, "/signin")).html).toContain('<html lang="en">');
    // The Thai link takes the visitor back; the current language is marked, not linked.
    const english = await open(client, "/signin");
    expect(english.html).toContain('<span aria-current="true" lang="en">English</span>');
    expect(english.html).toContain('hreflang="th">ไทย</a>');

    for (const back of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      redirected(await client.fetch(`/language?to=th&back=${encodeURIComponent(back)}`), "/");
    }
    const unknown = await new Client().fetch("/language?to=fr&back=/signin");
    redirected(unknown, "/signin");
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("a page answering a failed form switches back to the page the form is on, not to the POST path", async () => {
    const failed = await new Client().form("/signin", { email: "not-an-address", name: "" });
    expect(failed.status).toBe(400);
    expect(await failed.text()).toContain(`href="/language?to=en&amp;back=${encodeURIComponent("/signin")}"`);
    const agency = await createAgency();
    const who = await applicant(agency);
    const name = await who.client.form("/account/name", { name: "" });
    expect(await name.text()).toContain(`back=${encodeURIComponent("/account")}"`);
    const code = await new Client().form("/signin/code", { email: who.email, code: "12" });
    expect(await code.text()).toContain(
      `back=${encodeURIComponent(`/signin/code?email=${encodeURIComponent(who.email)}`)}"`,
    );
  });

  it("a link from another site changes the browser's language, never the account's", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const res = await who.client.fetch("/language?to=en&back=/account", {
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    redirected(res, "/account");
    expect(res.headers.get("set-cookie")).toContain("steward_lang=en");
    const [row] = await rows("SELECT locale FROM users WHERE email = ?", who.email);
    expect(row!.locale).toBeNull();
  });

  it("a signed-in person's choice is kept on their account (for their e-mails)", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const [before] = await rows("SELECT locale FROM users WHERE email = ?", who.email);
    expect(before!.locale).toBeNull();
    redirected(await who.client.fetch("/language?to=en&back=/account"), "/account");
    const [after] = await rows("SELECT locale FROM users WHERE email = ?", who.email);
    expect(after!.locale).toBe("en");
  });
});

describe("the service's face", () => {
  it("every page has the DGA contact in its footer, a menu marking the current page, and the menu button for phones", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const page = await open(who.client, "/keys");
    expect(page.html).toContain('<a href="tel:+6626126060">0 2612 6060</a>');
    expect(page.html).toContain('href="mailto:contact@dga.or.th"');
    expect(page.html).toContain('<a href="/keys" aria-current="page">กุญแจ API</a>');
    expect(page.html).not.toContain('<a href="/apply" aria-current');
    expect(page.html).toMatch(
      /<button type="button" class="menu-toggle" aria-controls="site-menu" aria-expanded="false" hidden="">เมนู<\/button>/,
    );
    expect(page.html).toContain('<nav id="site-menu"');
    const anonymous = await open(new Client(), "/signin");
    expect(anonymous.html).toContain("0 2612 6060");
  });

  it("the worker serves its own Thai web font and the menu script (no CDN)", async () => {
    for (const weight of [400, 700]) {
      const res = await new Client().fetch(`/assets/sarabun-thai-${weight}.woff2`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("font/woff2");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(String.fromCharCode(...bytes.slice(0, 4))).toBe("wOF2");
    }
    const css = await (await new Client().fetch("/assets/app.css")).text();
    expect(css).toContain('src:url(/assets/sarabun-thai-400.woff2) format("woff2")');
    expect(css).not.toMatch(/https?:\/\//);
    expect((await new Client().fetch("/assets/menu.js")).status).toBe(200);
  });
});

describe("an application's timeline", () => {
  it("lists submission, the request sent to the executive, the decision with who and when, and the steward role's later changes", async () => {
    const agency = await createAgency();
    const s = await steward(agency);
    const entries = await applicationTimeline(db, s.applicationId);
    expect(entries.map((e) => e.action)).toEqual([
      "application.submitted",
      "application.sent",
      "application.executive_approved",
      "membership.granted",
    ]);
    expect(entries[1]!.to).toEqual([agency.executiveEmail]);
    expect(entries[2]!.actor).toBe(`executive:${agency.executiveEmail}`);
    const step = describeTimelineStep(entries[2]!, "applicant");
    expect(step.who).toEqual({ th: `ผู้อนุมัติ ${agency.executiveEmail}`, en: `Approver ${agency.executiveEmail}` });

    // The applicant's page shows it, oldest first, in the page's language.
    const page = await open(s.client, `/applications/${s.applicationId}`);
    const text = textOf(page.html);
    expect(text).toContain("ความคืบหน้าของคำขอ");
    expect(text.indexOf("ยื่นคำขอเป็นผู้ดูแลข้อมูล")).toBeLessThan(text.indexOf("ผู้บริหารอนุมัติคำขอ"));
    expect(text).toContain(agency.executiveEmail!);
  });

  it("names DGA's administrators as DGA to the applicant and by address to administrators", () => {
    const entry = { action: "application.admin_returned", actor: "admin:admin@dga.or.th", to: [], reason: "แก้เบอร์โทร" };
    expect(describeTimelineStep(entry, "applicant").who).toEqual({ th: "สพร.", en: "DGA" });
    expect(describeTimelineStep(entry, "administrator").who!.en).toBe("Administrator admin@dga.or.th");
    expect(describeTimelineStep(entry, "applicant").reason).toBe("แก้เบอร์โทร");
  });

  it("folds the requests a reminder sent into the reminder's step, with the addresses reminded", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const app = await submit(who, agency.id);
    const [row] = await rows("SELECT sent_at FROM applications WHERE id = ?", app.id);
    await runScheduledWork({ ...buildDeps(env), clock: fixedClock((row!.sent_at as number) + 3 * DAY + MINUTE) });
    const entries = await applicationTimeline(db, app.id);
    expect(entries.map((e) => e.action)).toEqual([
      "application.submitted",
      "application.sent",
      "application.reminder_sent",
    ]);
    expect(entries[2]!.to).toEqual([agency.executiveEmail]);
    await decide(await approvalLink(agency.executiveEmail!), "reject", "ไม่ใช่หน้าที่ของตำแหน่งนี้");
    // (Decided on the real clock, before the reminder's simulated day 3: the steps sort by time.)
    const later = await applicationTimeline(db, app.id);
    expect(later.find((e) => e.action === "application.executive_rejected")).toMatchObject({
      reason: "ไม่ใช่หน้าที่ของตำแหน่งนี้",
      to: [],
    });
    expect(later.filter((e) => e.action === "application.sent")).toHaveLength(1);
  });
});
