import { beforeEach, describe, expect, it } from "vitest";
import { signInAdmin } from "../helpers/auth-db";
import { applicant, approvalLink, decide, steward, submit } from "../helpers/flow-approval";
import { createAgency, unique } from "../helpers/fixtures";
import { auditOf, rows } from "../helpers/db";
import { ckanUserName } from "../../src/services/portal/ckan-accounts";
import {
  HAVE_CKAN,
  callsOf,
  ckan,
  ckanNameOf,
  ckanOrganization,
  ckanUser,
  connectCkan,
  mappedAgency,
  membersOf,
  settleCkan,
} from "../helpers/ckan";

// Issue 13: a membership's changes reach CKAN — through steward's own API and cron, against a
// real CKAN 2.12 (skipped, with a notice, when none runs here).

if (!HAVE_CKAN)
  console.warn("No CKAN here (bash ../shared/ckan/ckan-up.sh starts one): CKAN provisioning tests skipped.");

describe.skipIf(!HAVE_CKAN)("CKAN provisioning, against a real CKAN", () => {
  beforeEach(() => connectCkan());

  it("makes an approved steward an editor of the agency's organization, creating their CKAN user", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const person = await steward(agency);
    await settleCkan();

    const name = await ckanNameOf(person.userId);
    expect(name).toBeTruthy();
    expect(await membersOf(org)).toMatchObject({ [name!]: "editor" });
    const user = (await ckan("user_show", { id: name })) as { email: string };
    expect(user.email).toBe(person.email);
    expect(await callsOf(person.userId)).toEqual([
      expect.objectContaining({ action: "organization_member_create", organization: org, status: "done", attempts: 1 }),
    ]);
    expect(await auditOf(`membership:${person.membershipId}`, "ckan.editor_added")).toHaveLength(1);
  });

  it("removes them on suspend, adds them back on reinstate, removes them on revoke — in order", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const person = await steward(agency);
    const admin = await signInAdmin();
    await settleCkan();
    const name = (await ckanNameOf(person.userId))!;

    const act = async (action: string) => {
      const res = await admin.json("POST", `/api/v1/admin/memberships/${person.membershipId}/${action}`, {
        reason: `ทดสอบ ${action}`,
      });
      expect(res.status).toBe(200);
      await settleCkan();
    };
    await act("suspend");
    expect(await membersOf(org)).not.toHaveProperty(name);
    await act("reinstate");
    expect(await membersOf(org)).toMatchObject({ [name]: "editor" });
    await act("revoke");
    expect(await membersOf(org)).not.toHaveProperty(name);
    expect((await callsOf(person.userId)).map((c) => [c.action, c.cause, c.status])).toEqual([
      ["organization_member_create", "membership.activated", "done"],
      ["organization_member_delete", "membership.suspended", "done"],
      ["organization_member_create", "membership.resumed", "done"],
      ["organization_member_delete", "membership.revoked", "done"],
    ]);
  });

  it("removes a steward who gives the role up (cancel)", async () => {
    const org = await ckanOrganization();
    const person = await steward(await mappedAgency(org));
    await settleCkan();
    const name = (await ckanNameOf(person.userId))!;
    const res = await person.client.json("POST", `/api/v1/memberships/${person.membershipId}/cancel`, {
      reason: "ย้ายงาน",
    });
    expect(res.status).toBe(200);
    await settleCkan();
    expect(await membersOf(org)).not.toHaveProperty(name);
    expect((await callsOf(person.userId)).at(-1)).toMatchObject({
      action: "organization_member_delete",
      cause: "membership.cancelled",
      status: "done",
    });
  });

  it("hands over: the successor becomes editor and the predecessor is removed, from one approval", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const predecessor = await steward(agency);
    await settleCkan();
    const successorEmail = `${unique("next")}@${agency.domain}`;
    const res = await predecessor.client.json("POST", `/api/v1/memberships/${predecessor.membershipId}/handover`, {
      successorEmail,
    });
    expect(res.status).toBe(201);
    const successor = await applicant(agency, { email: successorEmail });
    await submit(successor, agency.id);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    await settleCkan();

    const [active] = await rows("SELECT user_id FROM memberships WHERE agency_id = ? AND status = 'active'", agency.id);
    const successorId = active!.user_id as string;
    const members = await membersOf(org);
    expect(members).toMatchObject({ [(await ckanNameOf(successorId))!]: "editor" });
    expect(members).not.toHaveProperty((await ckanNameOf(predecessor.userId))!);
    expect((await callsOf(predecessor.userId)).at(-1)).toMatchObject({
      cause: "membership.superseded",
      status: "done",
    });
  });

  it("with CKAN_USERS=email, uses the CKAN user made by hand with the official e-mail, and never demotes an admin", async () => {
    connectCkan({ CKAN_USERS: "email" });
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const email = `${unique("u")}@${agency.domain}`;
    const existing = await ckanUser(email);
    await ckan("organization_member_create", { id: org, username: existing.name, role: "admin" });
    const who = await applicant(agency, { email });
    await submit(who, agency.id);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    await settleCkan();
    const [user] = await rows("SELECT id FROM users WHERE email = ?", email);
    expect(await ckanNameOf(user!.id as string)).toBe(existing.name);
    expect((await membersOf(org))[existing.name]).toBe("admin");
  });

  it("by default never adopts a CKAN account someone registered with a steward's e-mail", async () => {
    const org = await ckanOrganization();
    const agency = await mappedAgency(org);
    const email = `${unique("u")}@${agency.domain}`;
    // CKAN does not verify e-mails: anyone could have made this one, under the name steward would use.
    const squatter = (await ckan("user_create", {
      name: ckanUserName(email),
      email,
      password: crypto.randomUUID(),
    })) as { name: string };
    const who = await applicant(agency, { email });
    await submit(who, agency.id);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    await settleCkan();
    const [user] = await rows("SELECT id FROM users WHERE email = ?", email);
    expect(await ckanNameOf(user!.id as string)).toBeNull();
    const [call] = await callsOf(user!.id as string);
    expect(call).toMatchObject({ status: "failed", last_error_kind: "validation" });
    expect(await membersOf(org)).not.toHaveProperty(squatter.name);
  });

  it("keeps a steward of two agencies mapped to one organization an editor when one role ends", async () => {
    const org = await ckanOrganization();
    const [first, second] = [await mappedAgency(org), await mappedAgency(org)];
    const email = `${unique("u")}@mail.go.th`;
    const who = await applicant(null, { email });
    for (const agency of [first, second]) {
      await submit(who, agency.id);
      expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    }
    await settleCkan();
    const [user] = await rows("SELECT id FROM users WHERE email = ?", email);
    const userId = user!.id as string;
    const name = (await ckanNameOf(userId))!;
    const [role] = await rows("SELECT id FROM memberships WHERE user_id = ? AND agency_id = ?", userId, first.id);
    const admin = await signInAdmin();
    const res = await admin.json("POST", `/api/v1/admin/memberships/${role!.id}/revoke`, { reason: "ย้ายงาน" });
    expect(res.status).toBe(200);
    await settleCkan();
    expect(await membersOf(org)).toMatchObject({ [name]: "editor" });
    expect((await callsOf(userId)).map((c) => c.action)).not.toContain("organization_member_delete");
  });

  it("moves an agency's stewards when its organization changes", async () => {
    const [from, to] = [await ckanOrganization(), await ckanOrganization()];
    const agency = await mappedAgency(from);
    const person = await steward(agency);
    await settleCkan();
    const name = (await ckanNameOf(person.userId))!;
    const res = await (
      await signInAdmin()
    ).json("PATCH", `/api/v1/admin/agencies/${agency.id}`, { ckanOrganization: to });
    expect(res.status).toBe(200);
    await settleCkan();
    expect(await membersOf(from)).not.toHaveProperty(name);
    expect(await membersOf(to)).toMatchObject({ [name]: "editor" });
  });

  it("writes no CKAN call for an agency without an organization", async () => {
    const person = await steward(await createAgency());
    expect(await callsOf(person.userId)).toEqual([]);
  });
});
