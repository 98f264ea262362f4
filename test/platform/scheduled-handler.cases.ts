import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { DAY } from "../../src/lib/clock";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, mailTo } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { applicant, submit } from "../helpers/flow-approval";
import { rows } from "../helpers/db";

describe("the Cron Trigger's handler and POST /dev/cron", () => {
  afterEach(() => setDevClockOffset(0));

  it("the scheduled handler reminds and expires at the worker's clock", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const app = await submit(who, agency.id);

    setDevClockOffset(3 * DAY + 60_000);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await mailTo(agency.executiveEmail!)).map((m) => m.subject.startsWith("เตือน"))).toEqual([true, false]);

    setDevClockOffset(14 * DAY + 60_000);
    const again = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env, again);
    await waitOnExecutionContext(again);
    expect((await rows("SELECT status FROM applications WHERE id = ?", app.id))[0]!.status).toBe("expired");
  });

  it("POST /dev/cron runs the same work and names it", async () => {
    const res = await new Client().json("POST", "/dev/cron");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ran: string[] }).ran).toEqual([
      "flush_key_usage",
      "expire_applications",
      "approval_notices",
      "key_expiry_warnings",
      "deliver_outbox",
      "erase_secret_bodies",
      "deliver_webhooks",
    ]);
  });
});
