import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, expectProblem } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo, linkIn, mailTo } from "../helpers/client";
import { address, userOf, verifyEmail } from "../helpers/identity-auth";
import { throughProvider } from "../helpers/oidc";
import { rows } from "../helpers/db";

// A stranger who knows an address can ask for codes, but cannot kill the owner's link or code,
// nor choose the name the owner's new account gets (issue 7.3, 7.7, break-it findings).

const start = (client: Client, email: string, name?: string) =>
  client.json("POST", "/api/v1/auth/email/start", name === undefined ? { email } : { email, name });

describe("a stranger's new code", () => {
  it("does not kill the link or the code the owner already has; using one ends them all", async () => {
    const email = address();
    const owner = new Client();
    await start(owner, email);
    const first = await lastMailTo(email);
    await start(new Client(), email); // the stranger
    await start(new Client(), email);
    expect((await new Client().fetch(linkIn(first, "/auth/email"))).status).toBe(200);
    // The owner's first code still works, though two newer ones were sent meanwhile.
    const res = await verifyEmail(owner, email, codeIn(first));
    expect(res.status, await res.clone().text()).toBe(200);
    // Every other code and link of the address ended with that sign-in.
    const [newest] = await mailTo(email);
    expect((await new Client().fetch(linkIn(newest!, "/auth/email"))).status).toBe(409);
    await expectProblem(await verifyEmail(new Client(), email, codeIn(newest!)), 400, "invalid_code");
  });
});

describe("the name of a new account", () => {
  it("is the one typed in the browser that used the code", async () => {
    const email = address();
    const browser = new Client();
    await start(browser, email, "สมชาย ใจดี");
    expect((await verifyEmail(browser, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    expect((await userOf(browser)).name).toBe("สมชาย ใจดี");
  });

  it("is never a name a stranger typed for the address: the owner's account starts without one", async () => {
    const email = address();
    await start(new Client(), email, "URGENT call 02-000-0000 or pay at evil example");
    const owner = new Client();
    expect((await verifyEmail(owner, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    expect((await userOf(owner)).name).toBe("");
    const linkOwner = address();
    await start(new Client(), linkOwner, "URGENT");
    const clicked = new Client();
    expect((await clicked.fetch(linkIn(await lastMailTo(linkOwner), "/auth/email"), { method: "POST" })).status).toBe(
      303,
    );
    expect((await userOf(clicked)).name).toBe("");
  });

  it("may be given with the code itself, and changed later (audited)", async () => {
    const email = address();
    await start(new Client(), email);
    const owner = new Client();
    expect(
      (
        await owner.json("POST", "/api/v1/auth/email/verify", {
          email,
          code: codeIn(await lastMailTo(email)),
          name: "สมหญิง ตั้งใจ",
        })
      ).status,
    ).toBe(200);
    expect((await userOf(owner)).name).toBe("สมหญิง ตั้งใจ");
    const renamed = await owner.json("PATCH", "/api/v1/me", { name: "สมหญิง ตั้งใจดี" });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { user: { name: string } }).user.name).toBe("สมหญิง ตั้งใจดี");
    await expectProblem(await owner.json("PATCH", "/api/v1/me", { name: "x\r\ny" }), 400, "invalid_request");
    const user = await userOf(owner);
    expect(
      await rows("SELECT action FROM audit_events WHERE subject = ? AND action = 'user.renamed'", `user:${user.id}`),
    ).toHaveLength(1);
    const page = await owner.form("/account/name", { name: "ชื่อใหม่ จากหน้าบัญชี" });
    expect(page.status).toBe(303);
    expect((await userOf(owner)).name).toBe("ชื่อใหม่ จากหน้าบัญชี");
  });
});

describe("an identity provider's name claim", () => {
  it("is cleaned with the one-line rule: no line breaks, control or bidi characters, at most 200 characters", async () => {
    const client = new Client();
    const started = await client.fetch("/auth/oidc/dga-digital-id");
    await client.fetch(await throughProvider(started.headers.get("location")!, { login: "hostile-name-sub" }));
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
    const { name } = await userOf(client);
    expect(name).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(name.startsWith("Evil Bcc: victim@x gnp.exe")).toBe(true);
    expect(Array.from(name).length).toBeLessThanOrEqual(200);
  });
});
