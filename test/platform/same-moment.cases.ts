import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadUser } from "../../src/services/identity/people";
import { deleteApiKey } from "../../src/services/keys/api-keys";
import { retryMessage } from "../../src/services/platform/mail-admin";
import { liftSuppression } from "../../src/services/platform/suppressions";
import { createAgencyEntry, updateAgencyEntry } from "../../src/services/agencies/directory";
import { requestHandover } from "../../src/services/applications/handovers";
import { changeSteward } from "../../src/services/applications/stewards";
import { loadMembership, membershipTransitionStatements } from "../../src/workflow/membership-commit";
import { runBatch } from "../../src/db/guarded";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant, steward } from "../helpers/flow-approval";
import { addEndpoint } from "../helpers/webhook-receiver";
import { AT, META, adminUser, at, racedBy, threeAtOnce, userIdOf } from "../helpers/racing";
import { auditOf, rows } from "../helpers/db";

// Requests that change one row at the same moment (one millisecond: the clock is fixed), through
// the services. Exactly one of them changes it, and only that one writes what follows from the
// change (its audit row, its event, its side rows): the later statements of a batch check a
// transition id, or run first under the change's own condition — never a timestamp, which both
// requests write alike.

describe("one change, requests at the same moment", () => {
  it("retrying a failed message: sent again once, audited once", async () => {
    const id = unique("msg_");
    await env.DB.prepare(
      "INSERT INTO outbox (id, template, \"to\", subject, text, html, status, attempts, next_attempt_at, last_error, created_at) VALUES (?, 'test_message', ?, 'S', 't', '<p>t</p>', 'failed', 8, ?, 'boom', ?)",
    )
      .bind(id, JSON.stringify([`${unique("m")}@mail.go.th`]), AT, AT)
      .run();
    const admin = await adminUser();
    const { fulfilled, rejected } = await threeAtOnce(() => retryMessage(at(), admin, id, null, META));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toEqual(["invalid_transition", "invalid_transition"]);
    expect(await auditOf(`message:${id}`, "mail.retried")).toHaveLength(1);
  });

  it("lifting a suppression: lifted once, audited once", async () => {
    const address = `${unique("s")}@mail.go.th`;
    await env.DB.prepare(
      "INSERT INTO email_suppressions (address, reason, detail, created_at) VALUES (?, 'bounce', '550', ?)",
    )
      .bind(address, AT)
      .run();
    const admin = await adminUser();
    const { fulfilled, rejected } = await threeAtOnce(() => liftSuppression(at(), admin, address, null, META));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toEqual(["not_found", "not_found"]);
    expect(await auditOf(`email:${address}`, "mail.suppression_lifted")).toHaveLength(1);
  });

  it("deleting a key: revoked once, one key.revoked event, audited once", async () => {
    const who = await applicant(await createAgency());
    const res = await who.client.json("POST", "/api/v1/keys", { name: "same moment", scopes: ["read"] });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: { id: string } };
    const user = await loadUser(at(), await userIdOf(who.email));
    const { fulfilled } = await threeAtOnce(() => deleteApiKey(at(), user, key.id, META));
    expect(fulfilled.map((r) => r.eventIds.length).sort()).toEqual([0, 0, 1]);
    expect(await auditOf(`key:${key.id}`, "key.deleted")).toHaveLength(1);
  });

  it("two different edits of one agency: one lands whole (its domains with its name), the other is a conflict", async () => {
    const agency = await createAgency();
    const admin = await adminUser();
    const edits = ["first", "second"].map((name) => ({
      nameEn: `Agency ${name} ${agency.id}`,
      domains: [agency.domain, `${name}-${unique("d")}.go.th`].sort(),
    }));
    const settled = await Promise.allSettled(
      edits.map((patch) => updateAgencyEntry(at(), admin, agency.id, patch, META)),
    );
    expect(
      settled.map((s) => (s.status === "rejected" ? (s.reason as { code: string }).code : s.status)).sort(),
    ).toEqual(["conflict", "fulfilled"]);
    const winner = edits[settled.findIndex((s) => s.status === "fulfilled")]!;
    const [row] = await rows("SELECT name_en FROM agencies WHERE id = ?", agency.id);
    expect(row!.name_en).toBe(winner.nameEn);
    const domains = await rows("SELECT domain FROM agency_domains WHERE agency_id = ? ORDER BY domain", agency.id);
    expect(domains.map((d) => d.domain)).toEqual(winner.domains);
    expect(await auditOf(`agency:${agency.id}`, "agency.updated")).toHaveLength(1);
  });

  it("two agencies of one Thai name created at once: one agency, the other a conflict", async () => {
    const admin = await adminUser();
    const nameTh = `หน่วยงานชื่อซ้ำ ${unique("n")}`;
    const settled = await Promise.allSettled(
      ["a", "b"].map((tag) =>
        createAgencyEntry(
          at(),
          admin,
          { nameTh, nameEn: `Same name ${tag}`, ministry: "กระทรวงมหาดไทย", domains: [`${tag}${unique("d")}.go.th`] },
          META,
        ),
      ),
    );
    const codes = settled.map((r) => (r.status === "fulfilled" ? "created" : (r.reason as { code: string }).code));
    expect(codes.sort()).toEqual(["conflict", "created"]);
    expect(await rows("SELECT id FROM agencies WHERE name_th = ?", nameTh)).toHaveLength(1);
  });

  it("an agency of the same Thai name created between the check and the batch: a conflict, nothing written", async () => {
    const admin = await adminUser();
    const nameTh = `หน่วยงานชื่อซ้ำ ${unique("n")}`;
    const domain = `${unique("d")}.go.th`;
    const first = { nameTh, nameEn: "First", ministry: "กระทรวงมหาดไทย", domains: [`${unique("f")}.go.th`] };
    const deps = racedBy(() => createAgencyEntry(at(), admin, first, META));
    await expect(
      createAgencyEntry(deps, admin, { ...first, nameEn: "Second", domains: [domain] }, META),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await rows("SELECT name_en FROM agencies WHERE name_th = ?", nameTh)).toEqual([{ name_en: "First" }]);
    expect(await rows("SELECT domain FROM agency_domains WHERE domain = ?", domain)).toEqual([]);
  });

  it("the owner deletes a publish key while an administrator revokes the role: one key.revoked event", async () => {
    const endpoint = await addEndpoint({ events: ["key.revoked"] });
    try {
      const who = await steward(await createAgency());
      const res = await who.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
      expect(res.status).toBe(201);
      const { key } = (await res.json()) as { key: { id: string } };
      const owner = await loadUser(at(), who.userId);
      // The revocation reads the role's keys, the owner's deletion lands, then the revocation's batch runs.
      const revocation = await membershipTransitionStatements(
        at(),
        await loadMembership(at(), who.membershipId),
        "REVOKED",
        {
          actor: "admin:test",
          meta: META,
          reason: "ทดสอบ",
        },
      );
      await deleteApiKey(at(), owner, key.id, META);
      await runBatch(db, revocation.statements);
      expect((await rows("SELECT status FROM memberships WHERE id = ?", who.membershipId))[0]!.status).toBe("revoked");
      const events = await rows(
        "SELECT payload FROM webhook_deliveries WHERE endpoint_id = ? AND payload LIKE ?",
        endpoint.id,
        `%${key.id}%`,
      );
      expect(events).toHaveLength(1);
    } finally {
      await env.DB.batch([
        env.DB.prepare("DELETE FROM webhook_deliveries WHERE endpoint_id = ?").bind(endpoint.id),
        env.DB.prepare("DELETE FROM webhook_endpoints WHERE id = ?").bind(endpoint.id),
      ]);
    }
  });

  it("a handover asked for as the role is revoked: refused, no handover, no invitation, no audit row", async () => {
    const agency = await createAgency();
    const who = await steward(agency);
    const [owner, admin] = [await loadUser(at(), who.userId), await adminUser()];
    const successor = `${unique("next")}@${agency.domain}`;
    const deps = racedBy(() =>
      changeSteward(at(), admin, who.membershipId, { action: "revoke", reason: "ทดสอบ" }, META),
    );
    await expect(requestHandover(deps, owner, who.membershipId, successor, META)).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await rows("SELECT status FROM memberships WHERE id = ?", who.membershipId))[0]!.status).toBe("revoked");
    expect(await rows("SELECT id FROM handovers WHERE membership_id = ?", who.membershipId)).toEqual([]);
    expect(await rows('SELECT id FROM outbox WHERE "to" LIKE ?', `%${successor}%`)).toEqual([]);
    expect(await auditOf(`membership:${who.membershipId}`, "handover.requested")).toEqual([]);
  });
});
