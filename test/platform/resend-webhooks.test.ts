import { env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildDeps } from "../../src/middleware/deps";
import { deliverOutbox } from "../../src/services/platform/outbox";
import { resendMailer } from "../../src/services/platform/mailer";
import type { Deps } from "../../src/deps";
import { ORIGIN, workerFetch } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, submit } from "../helpers/flow-approval";
import { auditOf, outboxTo, rows, snapshot } from "../helpers/db";

// POST /api/v1/webhooks/resend (issue 12): Resend's delivery events, signed the Svix / Standard
// Webhooks way, recorded on the outbox; bounces and complaints suppress; a bounced approval
// request flags its application and tells the applicant once.

const SECRET = env.RESEND_WEBHOOK_SECRET as string;

afterEach(() => {
  vi.restoreAllMocks();
});

interface Signed {
  id?: string;
  at?: Date;
  secret?: string;
}

/** Sends `event` as Resend does: svix-id, svix-timestamp (seconds) and svix-signature over the raw body. */
function deliver(event: unknown, options: Signed = {}): Promise<Response> {
  const id = options.id ?? unique("msg_");
  const at = options.at ?? new Date();
  const body = JSON.stringify(event);
  const signature = new Webhook(options.secret ?? SECRET).sign(id, at, body);
  return workerFetch(
    new Request(`${ORIGIN}/api/v1/webhooks/resend`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
        "svix-signature": signature,
      },
      body,
    }),
  );
}

const event = (type: string, emailId: string, to: string[], extra: Record<string, unknown> = {}) => ({
  type,
  created_at: new Date().toISOString(),
  data: {
    email_id: emailId,
    to,
    subject: "s",
    from: "steward <no-reply@data.go.th>",
    created_at: new Date().toISOString(),
    ...extra,
  },
});

async function outboxRow(id: string) {
  const [row] = await rows("SELECT * FROM outbox WHERE id = ?", id);
  return row as { status: string; delivery: string | null; delivery_detail: string | null; provider_id: string | null };
}

/** A message to `to` that Resend accepted (id `re_…`), as the sweeper records it. */
async function sentMessageTo(to: string): Promise<{ id: string; providerId: string }> {
  const providerId = unique("re_");
  const id = unique("msg_");
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO outbox (id, template, \"to\", subject, text, html, status, attempts, next_attempt_at, provider_id, created_at, sent_at) VALUES (?, 'test_message', ?, 's', 't', 'h', 'sent', 1, ?, ?, ?, ?)",
  )
    .bind(id, JSON.stringify([to]), now, providerId, now, now)
    .run();
  return { id, providerId };
}

function resendDeps(): Deps {
  return { ...buildDeps(env), mail: resendMailer("re_test"), sleep: async () => {} };
}

describe("signatures", () => {
  it("a forged, stale, future or unsigned delivery: 401 invalid_signature, nothing changes", async () => {
    const to = `${unique("r")}@mail.go.th`;
    const message = await sentMessageTo(to);
    const bounce = event("email.bounced", message.providerId, [to]);
    const before = await snapshot();
    const forged = await deliver(bounce, { secret: `whsec_${btoa("somebody else's secret!!")}` });
    const stale = await deliver(bounce, { at: new Date(Date.now() - 10 * 60_000) });
    const future = await deliver(bounce, { at: new Date(Date.now() + 10 * 60_000) });
    const unsigned = await workerFetch(
      new Request(`${ORIGIN}/api/v1/webhooks/resend`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(bounce),
      }),
    );
    for (const res of [forged, stale, future, unsigned]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { code: string }).code).toBe("invalid_signature");
    }
    expect(await snapshot()).toEqual(before);
    expect(await rows("SELECT * FROM email_suppressions WHERE address = ?", to)).toEqual([]);
  });

  it("a body changed after signing does not verify", async () => {
    const id = unique("msg_");
    const at = new Date();
    const signed = JSON.stringify(event("email.delivered", "re_x", ["a@mail.go.th"]));
    const res = await workerFetch(
      new Request(`${ORIGIN}/api/v1/webhooks/resend`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "svix-id": id,
          "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
          "svix-signature": new Webhook(SECRET).sign(id, at, signed),
        },
        body: signed.replace("email.delivered", "email.complained"),
      }),
    );
    expect(res.status).toBe(401);
  });
});

describe("what a signed body may not do", () => {
  it("malformed events are 400; events about messages that are not ours suppress nothing", async () => {
    const to = `${unique("other")}@mail.go.th`;
    for (const bad of [
      { type: "email.bounced", data: { to: [to], bounce: { type: 5 } } },
      { type: "email.bounced", data: { to: [to], bounce: { message: 5 } } },
      { type: 7 },
      [],
    ]) {
      const res = await deliver(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    // Another application's mail on the same Resend account.
    const foreign = await deliver(event("email.complained", "re_not_ours", [to]));
    expect(await foreign.json()).toEqual({ outcome: "ignored" });
    expect(await rows("SELECT * FROM email_suppressions WHERE address = ?", to)).toEqual([]);
  });

  it("a recipient with control characters is not taken from the event: the message's own address is", async () => {
    const to = `${unique("crlf")}@mail.go.th`;
    const message = await sentMessageTo(to);
    await deliver(event("email.bounced", message.providerId, [`${to}\r\nBcc: evil@mail.go.th`]));
    const stored = await rows("SELECT address FROM email_suppressions WHERE message_id = ?", message.id);
    expect(stored).toEqual([{ address: to }]);
  });
});

describe("delivery events", () => {
  it("delivered, then a late delay event: the message stays delivered; a replay is a duplicate", async () => {
    const to = `${unique("r")}@mail.go.th`;
    const message = await sentMessageTo(to);
    const id = unique("msg_");
    const first = await deliver(event("email.delivered", message.providerId, [to]), { id });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ outcome: "recorded" });
    expect((await outboxRow(message.id)).delivery).toBe("delivered");

    const replayed = await deliver(event("email.delivered", message.providerId, [to]), { id });
    expect(await replayed.json()).toEqual({ outcome: "duplicate" });
    await deliver(event("email.delivery_delayed", message.providerId, [to]));
    expect((await outboxRow(message.id)).delivery).toBe("delivered");
    const other = await deliver({
      type: "email.opened",
      created_at: new Date().toISOString(),
      data: { email_id: message.providerId },
    });
    expect(await other.json()).toEqual({ outcome: "ignored" });
  });

  it("the same delivery sent five times at once is recorded once", async () => {
    const to = `${unique("r")}@mail.go.th`;
    const message = await sentMessageTo(to);
    const id = unique("msg_");
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        deliver(
          event("email.bounced", message.providerId, [to], {
            bounce: { type: "Permanent", subType: "General", message: "550 no such user" },
          }),
          { id },
        ),
      ),
    );
    const outcomes = await Promise.all(answers.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(4);
    expect(await auditOf(`email:${to}`, "mail.suppressed")).toHaveLength(1);
  });
});

describe("suppression", () => {
  it("a hard bounce suppresses the address: the next message to it is not sent and is marked suppressed", async () => {
    const to = `${unique("Bounce")}@mail.go.th`;
    const message = await sentMessageTo(to);
    const res = await deliver(
      event("email.bounced", message.providerId, [to], {
        bounce: { type: "Permanent", subType: "General", message: "550 5.1.1 user unknown" },
      }),
    );
    expect(await res.json()).toEqual({ outcome: "recorded" });
    expect(await outboxRow(message.id)).toMatchObject({
      delivery: "bounced",
      delivery_detail: "Permanent · General · 550 5.1.1 user unknown",
    });
    const [suppression] = await rows("SELECT * FROM email_suppressions WHERE address = ?", to.toLowerCase());
    expect(suppression).toMatchObject({ reason: "bounce", message_id: message.id, lifted_at: null });

    // The next message to that address (any case) never reaches Resend.
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const deps = resendDeps();
    const now = Date.now();
    const next = unique("msg_");
    await env.DB.prepare(
      "INSERT INTO outbox (id, template, \"to\", subject, text, html, status, attempts, next_attempt_at, created_at) VALUES (?, 'test_message', ?, 's', 't', 'h', 'pending', 0, ?, ?)",
    )
      .bind(next, JSON.stringify([to.toUpperCase()]), now, now)
      .run();
    await deliverOutbox(deps, [next]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((await outboxRow(next)).status).toBe("suppressed");
  });

  it("a transient bounce is recorded, not suppressed; a complaint suppresses", async () => {
    const soft = `${unique("soft")}@mail.go.th`;
    const m1 = await sentMessageTo(soft);
    await deliver(
      event("email.bounced", m1.providerId, [soft], {
        bounce: { type: "Transient", subType: "MailboxFull", message: "mailbox full" },
      }),
    );
    expect((await outboxRow(m1.id)).delivery).toBe("bounced");
    expect(await rows("SELECT * FROM email_suppressions WHERE address = ?", soft)).toEqual([]);

    const angry = `${unique("angry")}@mail.go.th`;
    const m2 = await sentMessageTo(angry);
    await deliver(event("email.complained", m2.providerId, [angry]));
    const [row] = await rows("SELECT reason FROM email_suppressions WHERE address = ?", angry);
    expect(row).toEqual({ reason: "complaint" });
  });
});

describe("a bounced approval request", () => {
  let agency: Awaited<ReturnType<typeof createAgency>>;
  beforeAll(async () => {
    agency = await createAgency();
  });

  it("flags the application for administrators and tells the applicant once", async () => {
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    const [request] = await rows(
      "SELECT id FROM outbox WHERE template = 'approval_request' AND application_id = ? ORDER BY created_at DESC",
      application.id,
    );
    expect(request).toBeTruthy();
    // Resend accepted it; then the executive's server refused it.
    const providerId = unique("re_");
    await env.DB.prepare("UPDATE outbox SET status = 'sent', provider_id = ? WHERE id = ?")
      .bind(providerId, request!.id)
      .run();
    const bounce = event("email.bounced", providerId, [agency.executiveEmail!], {
      bounce: { type: "Permanent", subType: "General", message: "550 no such mailbox" },
    });
    expect(await (await deliver(bounce)).json()).toEqual({ outcome: "recorded" });
    const [flag] = await rows(
      "SELECT approver_bounced_address, approver_bounced_at FROM applications WHERE id = ?",
      application.id,
    );
    expect(flag!.approver_bounced_address).toBe(agency.executiveEmail);
    expect(flag!.approver_bounced_at).toEqual(expect.any(Number));
    const told = (await outboxTo(who.email)).filter((m) => m.template === "approver_bounced");
    expect(told).toHaveLength(1);
    expect(String(told[0]!.text)).toContain(agency.executiveEmail!);
    expect(await auditOf(`application:${application.id}`, "application.approver_bounced")).toHaveLength(1);

    // Another delivery about the same address (a second event, a reminder's bounce): told once.
    await deliver(bounce);
    expect((await outboxTo(who.email)).filter((m) => m.template === "approver_bounced")).toHaveLength(1);
  });
});
