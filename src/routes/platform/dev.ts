import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { AppError } from "../../errors";
import { setDevClockOffset } from "../../lib/dev-clock";
import { listMessages } from "../../services/platform/outbox";
import { runScheduledWork } from "../../services/platform/scheduled";
import { BODY_ERRORS, describe, validate } from "../operation";
import { DevClockBody, DevMailList, DevMailQuery } from "./schemas";
import { devMessageJson } from "./serializers";
import * as v from "valibot";

/** Development only: the local mailbox, the movable clock and a manual cron run. */
export const devRoutes = new Hono<AppEnv>();

devRoutes.use(async (c, next) => {
  if (c.var.deps.config.environment !== "development") throw new AppError("not_found");
  await next();
});

devRoutes.get(
  "/mail",
  describe({
    tags: ["Development"],
    summary: "Development mailbox: every queued message, newest first",
    response: DevMailList,
    errors: ["not_found"],
    security: "none",
  }),
  validate("query", DevMailQuery),
  async (c) => {
    return c.json({
      messages: (await listMessages(c.var.deps.db, c.req.valid("query").to ?? null)).map(devMessageJson),
    });
  },
);

devRoutes.post(
  "/clock",
  describe({
    tags: ["Development"],
    summary: "Shift the clock of every time-dependent rule; 0 resets",
    response: v.object({ now: v.string() }),
    errors: [...BODY_ERRORS, "not_found"],
    security: "none",
  }),
  validate("json", DevClockBody),
  async (c) => {
    setDevClockOffset(c.req.valid("json").offsetSeconds * 1000);
    return c.json({ now: new Date(c.var.deps.clock.now()).toISOString() });
  },
);

devRoutes.post(
  "/cron",
  describe({
    tags: ["Development"],
    summary: "Run the scheduled work once, at the current clock",
    response: v.object({ ran: v.array(v.string()) }),
    errors: ["not_found"],
    security: "none",
  }),
  async (c) => {
    return c.json({ ran: await runScheduledWork(c.var.deps) });
  },
);
