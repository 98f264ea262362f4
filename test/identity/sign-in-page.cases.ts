import { describe, expect, it } from "vitest";
import { Client, mailTo } from "../helpers/client";
import { unique } from "../helpers/fixtures";
import { asPage, open, redirected, textOf } from "../helpers/pages-forms";

// The sign-in page in one language at a time, and its form's problems shown the GOV.UK way:
// a summary first (linking to each field), the message at the field, the field marked, the
// typed values kept, and "Error:" before the title.

const address = () => `${unique("s")}@mail.go.th`;

describe("the sign-in page's language", () => {
  it("is Thai by default: Thai text only", async () => {
    const page = await open(new Client(), "/signin");
    expect(page.html).toContain('<html lang="th">');
    expect(page.html).toContain("<h1>เข้าสู่ระบบ</h1>");
    const text = textOf(page.html);
    expect(text).toContain("ส่งรหัสเข้าสู่ระบบ");
    expect(text).toContain("เข้าสู่ระบบด้วย ดิจิทัลไอดี สพร.");
    expect(text).not.toContain("Send sign-in code");
    expect(text).not.toContain("Use your government e-mail");
    expect(text).not.toContain("DGA Digital ID");
  });

  it("is English when chosen (the cookie) or preferred by the browser: English text only", async () => {
    const chosen = new Client();
    chosen.cookies.set("steward_lang", "en");
    for (const page of [
      await open(chosen, "/signin"),
      await asPage(
        "/signin",
        await new Client().fetch("/signin", { headers: { "Accept-Language": "en-GB,en;q=0.9" } }),
      ),
    ]) {
      expect(page.html).toContain('<html lang="en">');
      expect(page.html).toContain("<h1>Sign in</h1>");
      const text = textOf(page.html);
      expect(text).toContain("Send sign-in code");
      expect(text).toContain("Sign in with DGA Digital ID");
      expect(text).not.toContain("ส่งรหัสเข้าสู่ระบบ");
      expect(text).not.toContain("ใช้อีเมลราชการของท่าน");
    }
  });
});

describe("a refused sign-in form", () => {
  it("an address that is not one: summary, message at the field, marked, typed values kept, nothing sent", async () => {
    const client = new Client();
    const page = await open(client, "/signin");
    const refused = await asPage(
      "/signin",
      await page.submit(client, "/signin", { email: "somchai-at-mail.go.th", name: "สมชาย ใจดี" }),
      400,
    );
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: เข้าสู่ระบบ/);
    expect(refused.html).toMatch(/<div class="error-summary"[^>]*autofocus/);
    expect(refused.html.indexOf("error-summary")).toBeLessThan(refused.html.indexOf("<h1>"));
    expect(refused.html).toContain('<a href="#email">กรอกอีเมลราชการให้ถูกต้อง เช่น name@mail.go.th</a>');
    expect(refused.html).toMatch(/<p class="field-error" id="email-error">[\s\S]*?กรอกอีเมลราชการให้ถูกต้อง/);
    expect(refused.html).toMatch(
      /<input id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-hint email-error"/,
    );
    expect(refused.html).not.toMatch(/<input id="name"[^>]*aria-invalid/);
    expect(refused.form("/signin").defaults).toMatchObject({ email: "somchai-at-mail.go.th", name: "สมชาย ใจดี" });
    expect(textOf(refused.html)).not.toContain("Enter your government e-mail");
  });

  it("an address outside government: the service's reason at the e-mail field (422), in English when chosen", async () => {
    const client = new Client();
    client.cookies.set("steward_lang", "en");
    const email = `${unique("g")}@example.com`;
    const page = await open(client, "/signin");
    const refused = await asPage("/signin", await page.submit(client, "/signin", { email }), 422);
    expect(refused.html).toMatch(/<title>Error: Sign in/);
    expect(refused.html).toContain("There is a problem");
    expect(refused.html).toContain(
      '<a href="#email">Use your government e-mail (MailGoThai or your agency&#39;s domain).</a>',
    );
    expect(refused.html).toMatch(/<input id="email"[^>]*aria-invalid="true"/);
    expect(refused.form("/signin").defaults.email).toBe(email);
    expect(textOf(refused.html)).not.toContain("กรุณาใช้อีเมลหน่วยงานรัฐ");
    expect(await mailTo(email)).toEqual([]);
  });

  it("a name with a line break: the message at the name field, the address kept, nothing sent", async () => {
    const client = new Client();
    const email = address();
    const page = await open(client, "/signin");
    const refused = await asPage(
      "/signin",
      await page.submit(client, "/signin", { email, name: "สมชาย\r\nACCOUNT LOCKED" }),
      400,
    );
    expect(refused.html).toContain('<a href="#name">');
    expect(refused.html).toMatch(
      /<input id="name"[^>]*aria-invalid="true"[^>]*aria-describedby="name-hint name-error"/,
    );
    expect(refused.html).not.toMatch(/<input id="email"[^>]*aria-invalid/);
    expect(refused.form("/signin").defaults.email).toBe(email);
    expect(await mailTo(email)).toEqual([]);
  });

  it("too many starts for one address: 429 with Retry-After, the reason in the summary, the address kept", async () => {
    const client = new Client();
    const email = address();
    for (let i = 0; i < 3; i++) redirected(await client.form("/signin", { email }));
    const res = await client.form("/signin", { email });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const refused = await asPage("/signin", res, 429);
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: /);
    expect(textOf(refused.html)).toContain("คำขอมากเกินไป กรุณาลองใหม่ภายหลัง");
    expect(refused.form("/signin").defaults.email).toBe(email);
  });
});
