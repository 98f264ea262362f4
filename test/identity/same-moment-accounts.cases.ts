import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadUser } from "../../src/services/identity/people";
import { reactivateUser, setAdministrator, suspendUser } from "../../src/services/identity/admin-users";
import { endSession } from "../../src/services/identity/sessions";
import { unlinkOidcIdentity } from "../../src/services/identity/identities";
import { removePasskey } from "../../src/services/identity/passkeys";
import { signOut } from "../../src/services/identity/sign-out";
import { signIn, unique } from "../helpers/fixtures";
import { AT, META, adminUser, at, threeAtOnce, userIdOf } from "../helpers/racing";
import { auditOf, rows } from "../helpers/db";

// Requests that change one row at the same moment (one millisecond: the clock is fixed), through
// the services. Exactly one of them changes it, and only that one writes what follows from the
// change (its audit row, its event, its side rows): the later statements of a batch check a
// transition id, or run first under the change's own condition — never a timestamp, which both
// requests write alike.

describe("an account's change, requests at the same moment", () => {
  it("suspending, then reactivating an account, then making it an administrator: each once, audited once", async () => {
    const email = `${unique("p")}@mail.go.th`;
    await signIn(email);
    const id = await userIdOf(email);
    const admin = await adminUser();
    const [before] = await rows("SELECT rights_version FROM users WHERE id = ?", id);

    const suspended = await threeAtOnce(() => suspendUser(at(), admin, id, "ทดสอบ", META));
    expect(suspended.fulfilled).toHaveLength(1);
    expect(await auditOf(`user:${id}`, "user.suspended")).toHaveLength(1);
    const [afterSuspend] = await rows("SELECT rights_version, status FROM users WHERE id = ?", id);
    expect(afterSuspend).toEqual({ rights_version: (before!.rights_version as number) + 1, status: "suspended" });

    const reactivated = await threeAtOnce(() => reactivateUser(at(AT + 1), admin, id, "ทดสอบ", META));
    expect(reactivated.fulfilled).toHaveLength(1);
    expect(reactivated.rejected).toEqual(["invalid_transition", "invalid_transition"]);
    expect(await auditOf(`user:${id}`, "user.reactivated")).toHaveLength(1);
    const [afterReactivate] = await rows("SELECT rights_version, status FROM users WHERE id = ?", id);
    expect(afterReactivate).toEqual({ rights_version: (before!.rights_version as number) + 2, status: "active" });

    const granted = await threeAtOnce(() =>
      setAdministrator(at(AT + 2), admin, id, { grant: true, reason: "ทดสอบ" }, META),
    );
    expect(granted.fulfilled).toHaveLength(3);
    expect(granted.fulfilled.every((u) => u.isAdmin)).toBe(true);
    expect(await auditOf(`user:${id}`, "admin.granted")).toHaveLength(1);
    await setAdministrator(at(AT + 3), admin, id, { grant: false, reason: "ทดสอบ" }, META);
  });

  it("ending one session: ended once, audited once", async () => {
    const email = `${unique("e")}@mail.go.th`;
    await signIn(email);
    const userId = await userIdOf(email);
    const [session] = await rows("SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL", userId);
    const user = await loadUser(at(), userId);
    const { fulfilled, rejected } = await threeAtOnce(() => endSession(at(), user, session!.id as string, META));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toEqual(["not_found", "not_found"]);
    expect(await auditOf(`user:${userId}`, "session.ended")).toHaveLength(1);
  });

  it("signing out twice at once (two tabs): audited once", async () => {
    const email = `${unique("o")}@mail.go.th`;
    await signIn(email);
    const user = await loadUser(at(), await userIdOf(email));
    const [session] = await rows("SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL", user.id);
    const current = { sessionId: session!.id as string, user };
    await Promise.all([signOut(at(), current, META), signOut(at(), current, META)]);
    expect(await auditOf(`user:${user.id}`, "user.signed_out")).toHaveLength(1);
    expect(await rows("SELECT revoked_at FROM sessions WHERE id = ?", current.sessionId)).toEqual([{ revoked_at: AT }]);
  });

  it("removing the passkey and unlinking the OpenID identity at once: one way to sign in is left", async () => {
    const userId = unique("usr_");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO users (id, email, name, status, is_admin, rights_version, created_at, updated_at) VALUES (?, NULL, 'สองทาง', 'active', 0, 0, ?, ?)",
      ).bind(userId, AT, AT),
      env.DB.prepare(
        "INSERT INTO oidc_identities (id, user_id, provider_id, issuer, subject, created_at) VALUES (?, ?, 'dga', 'https://id.example.test', ?, ?)",
      ).bind(`oid_${userId}`, userId, userId, AT),
      env.DB.prepare(
        "INSERT INTO passkeys (id, user_id, credential_id, public_key, name, created_at) VALUES (?, ?, ?, 'pk', 'โทรศัพท์', ?)",
      ).bind(`pk_${userId}`, userId, `cred_${userId}`, AT),
    ]);
    const user = await loadUser(at(), userId);
    const settled = await Promise.allSettled([
      removePasskey(at(), user, `pk_${userId}`, META),
      unlinkOidcIdentity(at(), user, `oid_${userId}`, META),
    ]);
    const codes = settled.map((r) => (r.status === "fulfilled" ? "removed" : (r.reason as { code: string }).code));
    expect(codes.sort()).toEqual(["last_sign_in_method", "removed"]);
    const [left] = await rows(
      "SELECT (SELECT count(*) FROM passkeys WHERE user_id = ?) + (SELECT count(*) FROM oidc_identities WHERE user_id = ?) AS n",
      userId,
      userId,
    );
    expect(left!.n).toBe(1);
    const audited = (await auditOf(`user:${userId}`)).filter((a) =>
      ["passkey.removed", "identity.unlinked"].includes(a.action),
    );
    expect(audited).toHaveLength(1);
  });
});
