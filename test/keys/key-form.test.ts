import { describe, expect, it } from "vitest";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { applicant, steward } from "../helpers/flow-approval";
import { open, redirected, textOf } from "../helpers/pages-forms";
import { rows } from "../helpers/db";

// The keys page in one language at a time, its form's errors (GOV.UK's pattern), its
// precondition (the terms), and a double-clicked "Create key" that makes one key.

const count = async (userId: string) =>
  Number((await rows("SELECT count(*) AS n FROM api_keys WHERE user_id = ?", userId))[0]!.n);
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

describe("the keys page speaks one language", () => {
  it("Thai by default, English when chosen: headings, badges and the rotation's words", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "สองภาษา", scope: "read" }));
    await open(s.client, "/keys");
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    redirected(await s.client.form(`/keys/${key!.id}/rotate`, { graceSeconds: "3600" }));
    await open(s.client, "/keys");

    const thai = await open(s.client, "/keys");
    const th = textOf(thai.html);
    expect(thai.html).toContain('<html lang="th">');
    expect(th).toContain("กุญแจ API");
    expect(th).toContain("สร้างกุญแจ");
    expect(th).toContain("กำลังถูกแทนที่ หยุดใช้เมื่อ");
    for (const english of ["API keys", "Create key", "Being replaced", "New", "Key name", "Rotate"])
      expect(th, english).not.toContain(english);

    s.client.cookies.set("steward_lang", "en");
    const english = await open(s.client, "/keys");
    const en = textOf(english.html);
    expect(english.html).toContain('<html lang="en">');
    expect(en).toContain("API keys");
    expect(en).toContain("Create key");
    expect(en).toContain("Being replaced, stops at");
    expect(english.html).toContain('<span class="badge ok">New</span>');
    expect(english.html).toContain('<span class="badge waiting">Rotating (grace period)</span>');
    for (const thaiText of ["กุญแจ API", "สร้างกุญแจ", "กำลังถูกแทนที่", "ใหม่", "ชื่อกุญแจ"])
      expect(en, thaiText).not.toContain(thaiText);
  });

  it("the delete confirmation and the new secret's box are in the chosen language too", async () => {
    const s = await steward(await createAgency());
    s.client.cookies.set("steward_lang", "en");
    const created = await open(s.client, redirected(await s.client.form("/keys", { name: "box", scope: "read" })));
    expect(textOf(created.html)).toContain("New key “box”: shown only once");
    expect(textOf(created.html)).not.toContain("แสดงเพียงครั้งเดียว");
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    const confirm = textOf((await open(s.client, `/keys/${key!.id}/delete`)).html);
    expect(confirm).toContain("The key stops working at once");
    expect(confirm).not.toContain("กุญแจจะหยุดทำงานทันที");
    s.client.cookies.delete("steward_lang");
    const thai = textOf((await open(s.client, `/keys/${key!.id}/delete`)).html);
    expect(thai).toContain("กุญแจจะหยุดทำงานทันที");
    expect(thai).not.toContain("The key stops working at once");
  });
});

describe("the key form's errors", () => {
  it("a refused form: the summary links each field, the field says what to do, and the typed values stay", async () => {
    const s = await steward(await createAgency());
    const keys = await open(s.client, "/keys");
    const longName = "ก".repeat(101);
    const res = await keys.submit(s.client, "/keys", { name: longName, expiresInDays: "0" });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด: กุญแจ API/);
    expect(html).toContain('class="error-summary"');
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf("<h1"));
    expect(html).toContain('href="#name"');
    expect(html).toContain('href="#expiresInDays"');
    expect(html).toContain('id="name-error"');
    expect(textOf(html)).toContain("ตั้งชื่อกุญแจ ไม่เกิน 100 ตัวอักษร");
    expect(textOf(html)).toContain("กรอกอายุกุญแจเป็นจำนวนวันเต็มตั้งแต่ 1 วัน หรือเว้นว่างไว้");
    expect(html).toMatch(/<input id="name"[^>]*aria-invalid="true"[^>]*aria-describedby="name-hint name-error"/);
    expect(html).toMatch(/<input id="expiresInDays"[^>]*aria-invalid="true"/);
    expect(html).toContain(`value="${longName}"`);
    expect(html).toContain('value="0"');
    expect(await count(s.userId)).toBe(0);
  });

  it("in English, the title says Error: and the messages are English", async () => {
    const s = await steward(await createAgency());
    s.client.cookies.set("steward_lang", "en");
    const res = await (await open(s.client, "/keys")).submit(s.client, "/keys", { name: "", expiresInDays: "0" });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(titleOf(html)).toMatch(/^Error: API keys/);
    expect(textOf(html)).toContain("There is a problem");
    expect(textOf(html)).toContain("Give the key a name, up to 100 characters");
    expect(textOf(html)).not.toContain("ตั้งชื่อกุญแจ");
  });

  it("a refused rotation points at that key's grace choice", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "หมุน", scope: "read" }));
    await open(s.client, "/keys");
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    const res = await s.client.form(`/keys/${key!.id}/rotate`, { graceSeconds: "9999999" });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด:/);
    expect(html).toContain(`href="#grace-${key!.id}"`);
    expect(html).toMatch(new RegExp(`<select id="grace-${key!.id}"[^>]*aria-invalid="true"`));
    expect(textOf(html)).toContain("เลือกระยะเวลาที่กุญแจเดิมยังใช้ต่อได้");
  });

  it("someone who has not accepted the terms is sent to them before the form, not after", async () => {
    const agency = await createAgency();
    const client = await signIn(`${unique("u")}@${agency.domain}`);
    const page = await open(client, "/keys");
    expect(page.has("/keys")).toBe(false);
    expect(page.html).toContain('href="/terms"');
    expect(textOf(page.html)).toContain("ก่อนสร้างกุญแจ ท่านต้องอ่านและยอมรับข้อตกลงการใช้งานฉบับปัจจุบัน");
  });
});

describe("a double-clicked Create key", () => {
  it("two posts of the same form at once make one key; the second says the form arrived twice", async () => {
    const s = await steward(await createAgency());
    const keys = await open(s.client, "/keys");
    const token = keys.form("/keys").defaults.formToken;
    expect(token).toMatch(/^[0-9A-Za-z]{22}$/);
    const [first, second] = await Promise.all([
      keys.submit(s.client, "/keys", { name: "ดับเบิลคลิก", scope: "read" }),
      keys.submit(s.client, "/keys", { name: "ดับเบิลคลิก", scope: "read" }),
    ]);
    expect([redirected(first!), redirected(second!)].sort()).toEqual(["/keys?done=created", "/keys?done=resent"]);
    expect(await count(s.userId)).toBe(1);
    // The same form once more (the back button, a resent post): still one key, and it says so.
    redirected(await keys.submit(s.client, "/keys", { name: "ดับเบิลคลิก", scope: "read" }), "/keys?done=resent");
    // (The first view shows the new key's secret instead of any banner; after it, the banner.)
    await open(s.client, "/keys?done=resent");
    const resent = await open(s.client, "/keys?done=resent");
    expect(textOf(resent.html)).toContain("แบบฟอร์มถูกส่งซ้ำ ระบบสร้างกุญแจเพียงดอกเดียว");
    // The forms that make or replace a key are sent once by the browser (submit-once.js).
    expect(resent.html).toMatch(/<form method="post" action="\/keys"[^>]* data-submit-once/);
    expect(resent.html).toMatch(/<form method="post" action="\/keys\/[^"]+\/rotate"[^>]* data-submit-once/);
    expect(await count(s.userId)).toBe(1);
    // A new page has a new token: its form makes the next key.
    const next = await open(s.client, "/keys");
    expect(next.form("/keys").defaults.formToken).not.toBe(token);
    redirected(await next.submit(s.client, "/keys", { name: "อีกดอก", scope: "read" }), "/keys?done=created");
    expect(await count(s.userId)).toBe(2);
  });

  it("a post the service refuses gives its token back: the same form, corrected, still works", async () => {
    const someone = await applicant(await createAgency());
    const keys = await open(someone.client, "/keys");
    const formToken = keys.form("/keys").defaults.formToken!;
    // Publish needs an approved steward: the page offers it disabled, a crafted post is refused.
    const refused = await someone.client.form("/keys", { formToken, name: "k", scope: "publish" });
    const html = await refused.text();
    expect(refused.status).toBe(403);
    expect(html).toContain('href="#scope"');
    expect(html).toMatch(/<input id="scope"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="k"');
    redirected(await someone.client.form("/keys", { formToken, name: "k", scope: "read" }), "/keys?done=created");
    expect(
      Number(
        (
          await rows(
            "SELECT count(*) AS n FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.email = ?",
            someone.email,
          )
        )[0]!.n,
      ),
    ).toBe(1);
  });
});
