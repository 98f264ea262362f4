import { describe, expect, it } from "vitest";
import { Client, codeIn, lastMailTo, mailTo } from "../helpers/client";
import { unique } from "../helpers/fixtures";
import { SESSION_COOKIE } from "../helpers/auth-db";
import { asPage, open, redirected, textOf } from "../helpers/pages-forms";

// Sign-in recovery that helps: how many tries are left, the field focused, and a dead code
// replaced by one button that sends a new one to the same address.

const address = () => `${unique("c")}@mail.go.th`;
const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

async function codePageFor(client: Client, email: string) {
  const signin = await open(client, "/signin");
  const path = redirected(await signin.submit(client, "/signin", { email }));
  return open(client, path);
}

describe("the code page", () => {
  it("a wrong code says how many tries are left, at the marked code field, in the page's language", async () => {
    const client = new Client();
    const email = address();
    const page = await codePageFor(client, email);
    expect(page.html).toMatch(/<input[^>]*id="code"[^>]*autofocus/);
    const wrong = wrongOf(codeIn(await lastMailTo(email)));
    const refused = await asPage("code", await page.submit(client, "/signin/code", { code: wrong }), 400);
    expect(refused.html).toContain('<a href="#code">รหัสไม่ถูกต้อง ลองได้อีก 4 ครั้ง</a>');
    expect(refused.html).toMatch(/<p class="field-error" id="code-error">[\s\S]*?ลองได้อีก 4 ครั้ง<\/p>/);
    expect(textOf(refused.html)).not.toContain("more tries");
    expect(refused.html).toMatch(
      /<input[^>]*id="code"[^>]*aria-invalid="true"[^>]*aria-describedby="code-error code-hint"/,
    );
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: /);
    // The error summary takes the focus now (one autofocus per page); its link leads to the field.
    expect(refused.html).toMatch(/<div class="error-summary"[^>]*autofocus/);
    expect(refused.html).not.toMatch(/<input[^>]*id="code"[^>]*autofocus/);
    expect(refused.form("/signin/code").defaults).toEqual({ email, code: "" });

    // In English, the same page speaks English only.
    client.cookies.set("steward_lang", "en");
    const english = await asPage("code", await refused.submit(client, "/signin/code", { code: wrong }), 400);
    expect(english.html).toContain('<a href="#code">Wrong code: 3 more tries.</a>');
    expect(english.html).toMatch(/<title>Error: Enter the code/);
    expect(textOf(english.html)).not.toContain("ลองได้อีก");
  });

  it("a code that is not six digits is a problem at the field, checked before any try is counted", async () => {
    const client = new Client();
    const email = address();
    const page = await codePageFor(client, email);
    const refused = await asPage("code", await page.submit(client, "/signin/code", { code: "12a" }), 400);
    expect(refused.html).toContain('<a href="#code">กรอกรหัส 6 หลักจากอีเมล เป็นตัวเลขเท่านั้น</a>');
    expect(refused.html).toMatch(/<input[^>]*id="code"[^>]*aria-invalid="true"/);
    // The right code still has all its tries.
    redirected(await refused.submit(client, "/signin/code", { code: codeIn(await lastMailTo(email)) }));
  });

  it("a code with no tries left offers no code field, only a button that sends a new code to the same address", async () => {
    const client = new Client();
    const email = address();
    let page = await codePageFor(client, email);
    const wrong = wrongOf(codeIn(await lastMailTo(email)));
    for (let i = 0; i < 5; i++)
      page = await asPage("code", await page.submit(client, "/signin/code", { code: wrong }), 400);
    expect(page.has("/signin/code")).toBe(false);
    const resend = page.form("/signin");
    expect(resend.defaults).toEqual({ email });
    const before = (await mailTo(email)).length;
    const next = redirected(await page.submit(client, "/signin"), `/signin/code?email=${encodeURIComponent(email)}`);
    expect((await mailTo(email)).length).toBe(before + 1);
    const fresh = await open(client, next);
    redirected(await fresh.submit(client, "/signin/code", { code: codeIn(await lastMailTo(email)) }));
    expect(client.cookies.get(SESSION_COOKIE)).toBeTruthy();
  });

  it("'ask for a new code' is a button for the address already typed, not an empty form", async () => {
    const client = new Client();
    const email = address();
    const page = await codePageFor(client, email);
    expect(page.form("/signin").defaults).toEqual({ email });
  });
});

describe("a crafted link to the code page", () => {
  it("with anything but an address the sign-in form takes goes back to the sign-in page", async () => {
    for (const email of ["\u202Eevil@mail.go.th", "not-an-address", "a@mail.go.th\u0000", ""]) {
      const res = await new Client().fetch(`/signin/code?email=${encodeURIComponent(email)}`);
      expect(res.status, JSON.stringify(email)).toBe(303);
      expect(res.headers.get("location")).toBe("/signin");
    }
  });
});
