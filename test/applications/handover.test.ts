import { describe, expect, it } from "vitest";
import { codeIn, lastMailTo } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, me, steward, submit, verify } from "../helpers/flow-approval";
import { outboxTo, rows, settleOutbox } from "../helpers/db";
import { signInAdmin } from "../helpers/auth-db";

async function publishKey(who: Awaited<ReturnType<typeof steward>>) {
  const res = await who.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
  expect(res.status).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

describe("handing the steward role over to a successor", () => {
  it("supersedes the predecessor and stops their publish keys in the successor's approval batch", async () => {
    const agency = await createAgency();
    const predecessor = await steward(agency);
    const key = await publishKey(predecessor);
    const successorEmail = `${unique("next")}@${agency.domain}`;

    const res = await predecessor.client.json("POST", `/api/v1/memberships/${predecessor.membershipId}/handover`, {
      successorEmail,
    });
    expect(res.status).toBe(201);
    const { handover } = (await res.json()) as {
      handover: { id: string; status: string; successorEmail: string; membershipId: string };
    };
    expect(handover).toMatchObject({ status: "pending", successorEmail, membershipId: predecessor.membershipId });
    await settleOutbox();
    expect((await outboxTo(successorEmail)).map((m) => m.template)).toEqual(["handover_invitation"]);
    expect((await verify(key)).body.code).toBe("VALID");

    const successor = await applicant(agency, { email: successorEmail });
    await submit(successor, agency.id);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);

    const [old] = await rows("SELECT status FROM memberships WHERE id = ?", predecessor.membershipId);
    expect(old!.status).toBe("superseded");
    expect((await verify(key)).body.code).toBe("REVOKED");
    expect((await me(successor.client)).roles).toEqual([
      expect.objectContaining({ agencyId: agency.id, status: "active" }),
    ]);
    const [done] = await rows("SELECT status, successor_application_id FROM handovers WHERE id = ?", handover.id);
    expect(done!.status).toBe("completed");
    await settleOutbox();
    expect((await outboxTo(predecessor.email)).map((m) => m.template)).toContain("membership_superseded");
    expect((await outboxTo(successorEmail)).map((m) => m.template)).toContain("application_approved");
    // Never both: at no point after the batch do two active memberships publish for this pair.
    const active = await rows("SELECT user_id FROM memberships WHERE agency_id = ? AND status = 'active'", agency.id);
    expect(active).toHaveLength(1);
  });

  it("five approvals of the successor's application at once: one handover completed, audited once", async () => {
    const agency = await createAgency();
    const predecessor = await steward(agency);
    const successorEmail = `${unique("next")}@${agency.domain}`;
    const res = await predecessor.client.json("POST", `/api/v1/memberships/${predecessor.membershipId}/handover`, {
      successorEmail,
    });
    expect(res.status).toBe(201);
    await submit(await applicant(agency, { email: successorEmail }), agency.id);
    const link = await approvalLink(agency.executiveEmail!);
    const answers = await Promise.all(Array.from({ length: 5 }, () => decide(link, "approve")));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const completed = await rows(
      "SELECT id FROM audit_events WHERE action = 'handover.completed' AND subject = ?",
      `membership:${predecessor.membershipId}`,
    );
    expect(completed).toHaveLength(1);
    const superseded = await rows(
      "SELECT id FROM audit_events WHERE action = 'membership.superseded' AND subject = ?",
      `membership:${predecessor.membershipId}`,
    );
    expect(superseded).toHaveLength(1);
  });

  it("lets an administrator start it, refuses addresses of other agencies, and keeps one pending handover", async () => {
    const agency = await createAgency();
    const other = await createAgency();
    const holder = await steward(agency);
    const admin = await signInAdmin();
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: `x@${other.domain}`,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: "someone@gmail.com",
        })
      ).status,
    ).toBe(422);

    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? admin : holder.client).json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: `n${i}@${agency.domain}`,
        }),
      ),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(
      await rows("SELECT id FROM handovers WHERE membership_id = ? AND status = 'pending'", holder.membershipId),
    ).toHaveLength(1);
    expect(
      await rows(
        "SELECT id FROM audit_events WHERE action = 'handover.requested' AND subject = ?",
        `membership:${holder.membershipId}`,
      ),
    ).toHaveLength(1);
  });

  it("is only for the holder or an administrator, and only for an active role", async () => {
    const agency = await createAgency();
    const holder = await steward(agency);
    const stranger = await applicant(agency);
    expect(
      (
        await stranger.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: `s@${agency.domain}`,
        })
      ).status,
    ).toBe(404);
    const pending = await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
      successorEmail: `p@${agency.domain}`,
    });
    expect(pending.status).toBe(201);
    expect(
      (await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/cancel`, { reason: "ย้ายงาน" }))
        .status,
    ).toBe(200);
    // Giving the role up takes its pending handover with it.
    expect(await rows("SELECT status FROM handovers WHERE membership_id = ?", holder.membershipId)).toEqual([
      { status: "cancelled" },
    ]);
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: `s@${agency.domain}`,
        })
      ).status,
    ).toBe(409);
  });

  it("belongs to the successor's account: addressed to their mail.go.th address, it completes when they apply with their agency address", async () => {
    const agency = await createAgency();
    const predecessor = await steward(agency);
    const key = await publishKey(predecessor);
    const shared = `${unique("next")}@mail.go.th`;
    expect(
      (
        await predecessor.client.json("POST", `/api/v1/memberships/${predecessor.membershipId}/handover`, {
          successorEmail: shared,
        })
      ).status,
    ).toBe(201);

    // The successor signs up with the shared address, then also verifies an agency address,
    // which the application uses (an agency's own domain comes first).
    const successor = await applicant(null, { email: shared });
    const own = `${unique("own")}@${agency.domain}`;
    expect((await successor.client.json("POST", "/api/v1/me/emails", { email: own })).status).toBe(202);
    expect(
      (
        await successor.client.json("POST", "/api/v1/me/emails/verify", {
          email: own,
          code: codeIn(await lastMailTo(own)),
        })
      ).status,
    ).toBe(200);
    const application = await submit(successor, agency.id);
    expect(application.applicant.email).toBe(own);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);

    const [old] = await rows("SELECT status FROM memberships WHERE id = ?", predecessor.membershipId);
    expect(old!.status).toBe("superseded");
    expect((await verify(key)).body.code).toBe("REVOKED");
    expect(await rows("SELECT status FROM handovers WHERE membership_id = ?", predecessor.membershipId)).toEqual([
      { status: "completed" },
    ]);
  });

  it("refuses a successor who is the steward under another of their addresses", async () => {
    const agency = await createAgency();
    const holder = await steward(agency);
    const second = `${unique("mine")}@mail.go.th`;
    expect((await holder.client.json("POST", "/api/v1/me/emails", { email: second })).status).toBe(202);
    expect(
      (
        await holder.client.json("POST", "/api/v1/me/emails/verify", {
          email: second,
          code: codeIn(await lastMailTo(second)),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: second,
        })
      ).status,
    ).toBe(400);
  });

  it("refuses a successor who already is a steward of the agency (409): such a handover could never complete", async () => {
    const agency = await createAgency();
    const holder = await steward(agency);
    const other = await steward(agency);
    const res = await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
      successorEmail: other.email,
    });
    expect(res.status).toBe(409);
  });

  it("compares successors by mailbox: a +tag variant of oneself is refused (400), of another steward 409", async () => {
    const agency = await createAgency();
    const holder = await steward(agency);
    const other = await steward(agency);
    const plus = (email: string, tag: string) => email.replace("@", `+${tag}@`);
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: plus(holder.email, "me"),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await holder.client.json("POST", `/api/v1/memberships/${holder.membershipId}/handover`, {
          successorEmail: plus(other.email, "x"),
        })
      ).status,
    ).toBe(409);
  });
});
