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
  it("a wrong code says how many tries are left and keeps the code field focused and marked", async () => {
    const client = new Client();
    const email = address();
    const page = await codePageFor(client, email);
    expect(page.html).toMatch(/<input[^>]*id="code"[^>]*autofocus/);
    const wrong = wrongOf(codeIn(await lastMailTo(email)));
    const refused = await asPage("code", await page.submit(client, "/signin/code", { code: wrong }), 400);
    expect(textOf(refused.html)).toContain("ลองได้อีก 4 ครั้ง");
    expect(textOf(refused.html)).toContain("4 more tries");
    expect(refused.html).toMatch(/<input[^>]*id="code"[^>]*aria-invalid="true"/);
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: /);
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
