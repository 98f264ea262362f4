import { beforeEach, describe, expect, it } from "vitest";
import { MINUTE } from "../../src/lib/clock";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { ckanUserName } from "../../src/services/portal/ckan-accounts";
import { deliverCkanOperations } from "../../src/services/portal/ckan-delivery";
import { signInAdmin } from "../helpers/auth-db";
import { steward } from "../helpers/flow-approval";
import { auditOf, rows } from "../helpers/db";
import { open, redirected, textOf } from "../helpers/pages-forms";
import {
  CKAN_DOWN,
  CKAN_URL,
  HAVE_CKAN,
  callsOf,
  ckan,
  ckanNameOf,
  ckanOrganization,
  ckanUser,
  connectCkan,
  depsAt,
  mappedAgency,
  membersOf,
  settleCkan,
} from "../helpers/ckan";

// Issue 13: CKAN down and back, what only an administrator can mend (a user or an organization
// missing in CKAN), and drift found by reconciliation and repaired — against a real CKAN.

if (!HAVE_CKAN) console.warn("No CKAN here (bash ../shared/ckan/ckan-up.sh starts one): CKAN recovery tests skipped.");

describe.skipIf(!HAVE_CKAN)("CKAN provisioning when things go wrong, against a real CKAN", () => {
  beforeEach(() => connectCkan());

  it("applies every change once, in order, after CKAN was down for 10 simulated minutes", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    connectCkan({}, CKAN_DOWN);
    const person = await steward(agency);
    const admin = await signInAdmin();
    for (const action of ["suspend", "reinstate"]) {
      const res = await admin.json("POST", `/api/v1/admin/memberships/${person.membershipId}/${action}`, {
        reason: "ทดสอบ",
      });
      expect(res.status).toBe(200);
    }
    const start = Date.now();
    // Down: the cron runs every minute; nothing reaches CKAN, nothing is lost or failed.
    for (let minute = 1; minute < 10; minute++) await runScheduledWork(depsAt(start + minute * MINUTE, CKAN_DOWN));
    const during = await callsOf(person.userId);
    expect(during.map((c) => c.status)).toEqual(["pending", "pending", "pending"]);
    expect(during[0]!.last_error_kind).toBe("unreachable");
    // Held back behind the first: the later calls were never tried out of order.
    expect(during.slice(1).map((c) => c.attempts)).toEqual([0, 0]);

    // Up again: the next runs make the three calls, each once, in the order written.
    for (let minute = 10; minute < 30; minute++) await runScheduledWork(depsAt(start + minute * MINUTE, CKAN_URL));
    const after = await callsOf(person.userId);
    expect(after.map((c) => [c.action, c.cause, c.status])).toEqual([
      ["organization_member_create", "membership.activated", "done"],
      ["organization_member_delete", "membership.suspended", "done"],
      ["organization_member_create", "membership.resumed", "done"],
    ]);
    const doneAt = after.map((c) => c.done_at as number);
    expect([...doneAt].sort((a, b) => a - b)).toEqual(doneAt);
    expect(after.slice(1).map((c) => c.attempts)).toEqual([1, 1]);
    const subject = `membership:${person.membershipId}`;
    expect(await auditOf(subject, "ckan.editor_added")).toHaveLength(2);
    expect(await auditOf(subject, "ckan.editor_removed")).toHaveLength(1);
    expect(await membersOf(org)).toMatchObject({ [(await ckanNameOf(person.userId))!]: "editor" });
  });

  it("with CKAN_USERS=name, fails a call for a person CKAN does not know, shows it, and makes it on retry", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    connectCkan({ CKAN_USERS: "name" });
    const person = await steward(agency);
    await settleCkan();
    const [call] = await callsOf(person.userId);
    expect(call).toMatchObject({ status: "failed", last_error_kind: "not_found", attempts: 1 });

    const admin = await signInAdmin();
    const listed = (await (await admin.fetch("/api/v1/admin/portal/calls")).json()) as {
      calls: { id: string; userId: string; status: string; lastErrorKind: string }[];
    };
    const shown = listed.calls.find((c) => c.userId === person.userId)!;
    expect(shown).toMatchObject({ status: "failed", lastErrorKind: "not_found" });

    // Someone creates the account in CKAN (as single sign-on would name it); an administrator retries.
    const made = (await ckan("user_create", {
      name: ckanUserName(person.email),
      email: person.email,
      password: crypto.randomUUID(),
    })) as { name: string };
    // Three administrators press Retry at once: one retries, the others are told it was done.
    const others = [admin, await signInAdmin(), await signInAdmin()];
    const answers = await Promise.all(
      others.map((who) =>
        who.json("POST", "/api/v1/admin/portal/calls/retry", { ids: [shown.id], reason: "สร้างบัญชีแล้ว" }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await settleCkan();
    expect(await membersOf(org)).toMatchObject({ [made.name]: "editor" });
    expect(await auditOf(`ckan_call:${shown.id}`, "ckan.call_retried")).toHaveLength(1);
    // A second retry of the same call finds nothing failed.
    expect((await admin.json("POST", "/api/v1/admin/portal/calls/retry", { ids: [shown.id] })).status).toBe(409);
  });

  it("fails a call for an organization CKAN does not have, and makes it once the organization exists", async () => {
    const org = `missing-${Date.now().toString(36)}`;
    const person = await steward(await mappedAgency(org));
    await settleCkan();
    const [call] = await callsOf(person.userId);
    expect(call).toMatchObject({ status: "failed", last_error_kind: "not_found" });
    await ckan("organization_create", { name: org, title: "สร้างภายหลัง" });
    // On the CKAN page: the failed call, its error, and a Retry button that makes it again.
    const admin = await signInAdmin();
    const [failed] = await rows("SELECT id FROM ckan_operations WHERE user_id = ?", person.userId);
    const page = await open(admin, "/admin/portal");
    expect(textOf(page.html)).toContain(org);
    expect(textOf(page.html)).toContain("not_found");
    // The console home counts it, and links to it.
    const failedCalls = async () =>
      ((await (await admin.fetch("/api/v1/admin/summary")).json()) as { failedCkanCalls: number }).failedCkanCalls;
    const before = await failedCalls();
    expect(before).toBeGreaterThan(0);
    expect((await open(admin, "/admin")).html).toContain('href="/admin/portal#calls"');
    redirected(await page.submit(admin, `/admin/portal/calls/${failed!.id}/retry`), "/admin/portal?done=retried");
    await settleCkan();
    expect(await failedCalls()).toBe(before - 1);
    expect(await membersOf(org)).toMatchObject({ [(await ckanNameOf(person.userId))!]: "editor" });
  });

  it("finds drift on schedule and on demand, and repairs it when an administrator applies steward's view", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const person = await steward(agency);
    await settleCkan();
    const name = (await ckanNameOf(person.userId))!;
    // By hand in CKAN: the steward removed, a stranger made editor.
    await ckan("organization_member_delete", { id: org, username: name });
    const stranger = await ckanUser(`stranger-${Date.now().toString(36)}@example.org`);
    await ckan("organization_member_create", { id: org, username: stranger.name, role: "editor" });

    // The scheduled reconciliation (an hour later) finds both.
    await runScheduledWork(depsAt(Date.now() + 61 * MINUTE));
    const admin = await signInAdmin();
    const portal = (await (await admin.fetch("/api/v1/admin/portal")).json()) as {
      configured: boolean;
      organizations: { organization: string; drift: { kind: string; userId: string | null; ckanUserName: string }[] }[];
    };
    expect(portal.configured).toBe(true);
    const drift = portal.organizations.find((o) => o.organization === org)!.drift;
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "missing_in_ckan", userId: person.userId }),
        expect.objectContaining({ kind: "extra_in_ckan", userId: null, ckanUserName: stranger.name }),
      ]),
    );
    expect(drift).toHaveLength(2);

    // Three administrators at once: one applies, the others are told it was done.
    const admins = [admin, await signInAdmin(), await signInAdmin()];
    const answers = await Promise.all(
      admins.map((who) => who.json("POST", `/api/v1/admin/portal/organizations/${org}/apply`, { reason: "ตรวจแล้ว" })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await answers.find((r) => r.status === 200)!.json()).toEqual({ added: 1, removed: 1 });
    // Three deliverers at once (after-response work and two cron runs): each call made once.
    await Promise.all([0, 1, 2].map(() => deliverCkanOperations(depsAt(Date.now()))));
    await settleCkan();
    expect(
      await rows("SELECT count(*) AS n FROM ckan_operations WHERE organization = ? AND cause = 'reconciliation'", org),
    ).toEqual([{ n: 2 }]);
    expect(await auditOf(`membership:${person.membershipId}`, "ckan.editor_added")).toHaveLength(2);
    expect(await membersOf(org)).toEqual({ [name]: "editor", admin: "admin" });
    expect(await auditOf(`ckan_organization:${org}`, "ckan.steward_view_applied")).toHaveLength(1);
    expect((await admin.json("POST", `/api/v1/admin/portal/organizations/${org}/apply`, {})).status).toBe(409);

    // On demand: nothing left.
    const check = await admin.json("POST", "/api/v1/admin/portal/check", { organization: org });
    expect(await check.json()).toEqual({ checked: [{ organization: org, editors: 1, drift: 0, error: null }] });
    expect(await rows("SELECT id FROM ckan_drift WHERE organization = ?", org)).toEqual([]);
  });

  it("never applies drift a membership change made stale", async () => {
    const org = await ckanOrganization();
    const person = await steward(await mappedAgency(org));
    await settleCkan();
    const name = (await ckanNameOf(person.userId))!;
    await ckan("organization_member_delete", { id: org, username: name });
    const admin = await signInAdmin();
    expect((await admin.json("POST", "/api/v1/admin/portal/check", { organization: org })).status).toBe(200);
    expect(await rows("SELECT kind FROM ckan_drift WHERE organization = ?", org)).toEqual([
      { kind: "missing_in_ckan" },
    ]);
    // The steward is revoked after the check: the drift about them goes with the change.
    const res = await admin.json("POST", `/api/v1/admin/memberships/${person.membershipId}/revoke`, {
      reason: "ทดสอบ",
    });
    expect(res.status).toBe(200);
    expect(await rows("SELECT kind FROM ckan_drift WHERE organization = ?", org)).toEqual([]);
    expect((await admin.json("POST", `/api/v1/admin/portal/organizations/${org}/apply`, {})).status).toBe(409);
    await settleCkan();
    expect(await membersOf(org)).not.toHaveProperty(name);
  });
});
