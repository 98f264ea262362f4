import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo } from "../helpers/client";
import { ensureTerms } from "../helpers/fixtures";
import { verify as verifyKey } from "../helpers/flow-approval";
import {
  address,
  passkeySignIn,
  registerPasskey,
  signInWith,
  startEmail,
  userOf,
  verifyEmail,
} from "../helpers/identity-auth";
import { auditOf } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin(); // once per file: 3 e-mail starts per address per 10 minutes
});

const ADMIN_ACTOR = "admin:admin@dga.or.th";
const suspend = (client: Client, id: string, reason = "ทดสอบการระงับ / suspension test") =>
  client.json("POST", `/api/v1/admin/users/${id}/suspend`, { reason });
const reactivate = (client: Client, id: string, reason = "ตรวจสอบแล้ว / checked") =>
  client.json("POST", `/api/v1/admin/users/${id}/reactivate`, { reason });
const removePasskeys = (client: Client, id: string, reason = "ทำอุปกรณ์หาย / lost device") =>
  client.json("POST", `/api/v1/admin/users/${id}/passkeys/remove`, { reason });
const live = async (client: Client) => (await client.fetch("/api/v1/me")).status === 200;

/** A signed-in user who accepted the terms and holds a read key. */
async function userWithKey() {
  const email = address();
  const client = await signInWith(new Client(), email);
  expect((await client.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() })).status).toBe(200);
  const res = await client.json("POST", "/api/v1/keys", { name: "read", scopes: ["read"] });
  expect(res.status, await res.clone().text()).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  return { email, client, secret, id: (await userOf(client)).id };
}

const keyCode = async (secret: string) => (await verifyKey(secret)).body.code;

describe("only administrators", () => {
  it("others get 403 forbidden on every user action, and nothing happens", async () => {
    const target = await userWithKey();
    const other = await signInWith(new Client(), address());
    await expectProblem(await suspend(other, target.id), 403, "forbidden");
    await expectProblem(await reactivate(other, target.id), 403, "forbidden");
    await expectProblem(await removePasskeys(other, target.id), 403, "forbidden");
    await expectProblem(await suspend(new Client(), target.id), 401, "unauthenticated");
    expect(await live(target.client)).toBe(true);
    expect(await keyCode(target.secret)).toBe("VALID");
  });

  it("an unknown user is 404; a missing reason is 400 invalid_request", async () => {
    await expectProblem(await suspend(admin, "usr_nobody"), 404, "not_found");
    await expectProblem(await removePasskeys(admin, "usr_nobody"), 404, "not_found");
    const target = await userWithKey();
    await expectProblem(
      await admin.json("POST", `/api/v1/admin/users/${target.id}/suspend`, {}),
      400,
      "invalid_request",
    );
    expect(await live(target.client)).toBe(true);
  });
});

describe("suspending and reactivating an account", () => {
  it("suspension ends the sessions, disables keys and refuses sign-in at once; reactivation undoes it but revives no session", async () => {
    const target = await userWithKey();
    const second = await signInWith(new Client(), target.email);
    const pending = new Client();
    await startEmail(pending, target.email);
    const code = codeIn(await lastMailTo(target.email));

    const res = await suspend(admin, target.id, "บัญชีถูกใช้ผิด / misuse");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string; status: string } }).user).toMatchObject({
      id: target.id,
      status: "suspended",
    });
    await expectProblem(await target.client.fetch("/api/v1/me"), 401, "unauthenticated");
    expect(await live(second)).toBe(false);
    expect(await keyCode(target.secret)).toBe("DISABLED");
    await expectProblem(await verifyEmail(pending, target.email, code), 403, "account_disabled");
    expect(pending.cookies.has(SESSION_COOKIE)).toBe(false);
    const [event] = await auditOf(`user:${target.id}`, "user.suspended");
    expect(event).toMatchObject({ actor: ADMIN_ACTOR, detail: { reason: "บัญชีถูกใช้ผิด / misuse" }, ip: admin.ip });
    await expectProblem(await suspend(admin, target.id), 409, "invalid_transition");

    const back = await reactivate(admin, target.id, "ยืนยันตัวตนแล้ว / identity confirmed");
    expect(back.status).toBe(200);
    expect(((await back.json()) as { user: { status: string } }).user.status).toBe("active");
    expect(await keyCode(target.secret)).toBe("VALID");
    // The sessions were ended, not merely hidden while suspended.
    expect(await live(target.client)).toBe(false);
    expect(await live(second)).toBe(false);
    expect((await verifyEmail(pending, target.email, code)).status).toBe(200);
    expect(await live(pending)).toBe(true);
    expect(await auditOf(`user:${target.id}`, "user.reactivated")).toEqual([
      expect.objectContaining({
        actor: ADMIN_ACTOR,
        detail: expect.objectContaining({ reason: "ยืนยันตัวตนแล้ว / identity confirmed", was: "suspended" }),
      }),
    ]);
  });

  it("a suspended account cannot sign in with its passkey either (403 account_disabled)", async () => {
    const client = await signInWith(new Client(), address());
    const id = (await userOf(client)).id;
    const { authenticator } = await registerPasskey(client);
    expect((await suspend(admin, id)).status).toBe(200);
    const browser = new Client();
    await expectProblem(await passkeySignIn(browser, authenticator), 403, "account_disabled");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await reactivate(admin, id)).status).toBe(200);
    expect((await passkeySignIn(browser, authenticator)).status).toBe(200);
  });
});

describe("removing a user's passkeys (recovery)", () => {
  it("removes them all, audited with the reason; the passkeys stop signing in", async () => {
    const client = await signInWith(new Client(), address());
    const id = (await userOf(client)).id;
    const first = await registerPasskey(client, "phone");
    await registerPasskey(client, "laptop");
    const bystander = await signInWith(new Client(), address());
    await registerPasskey(bystander);

    const res = await removePasskeys(admin, id, "ทำโทรศัพท์หาย / lost phone");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ removed: 2 });
    expect(await (await client.fetch("/api/v1/passkeys")).json()).toEqual({ passkeys: [] });
    expect(
      ((await (await bystander.fetch("/api/v1/passkeys")).json()) as { passkeys: unknown[] }).passkeys,
    ).toHaveLength(1);
    await expectProblem(await passkeySignIn(new Client(), first.authenticator), 400, "passkey_verification_failed");
    expect(await auditOf(`user:${id}`, "passkeys.removed_by_admin")).toEqual([
      expect.objectContaining({ actor: ADMIN_ACTOR, detail: { reason: "ทำโทรศัพท์หาย / lost phone" } }),
    ]);
    expect(await (await removePasskeys(admin, id)).json()).toEqual({ removed: 0 });
  });

  it("the user then signs in by e-mail code and registers a new passkey", async () => {
    const email = address();
    const first = await signInWith(new Client(), email);
    const id = (await userOf(first)).id;
    await registerPasskey(first);
    expect(await (await removePasskeys(admin, id)).json()).toEqual({ removed: 1 });

    const laptop = await signInWith(new Client(), email);
    expect((await userOf(laptop)).id).toBe(id);
    const options = await laptop.json("POST", "/api/v1/passkeys/registration/options");
    expect(options.status).toBe(200);
    expect(((await options.json()) as { excludeCredentials?: unknown[] }).excludeCredentials ?? []).toEqual([]);
    const { authenticator } = await registerPasskey(laptop, "new laptop");
    const res = await passkeySignIn(new Client(), authenticator);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe(id);
  });
});
