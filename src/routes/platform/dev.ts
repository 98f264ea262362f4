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
import { html } from "../pages/render";
import { DevMailPage } from "../../views/platform/dev-mail-page";

/** Whether an Accept header asks for HTML before JSON (a browser's navigation does). */
function prefersHtml(accept: string | undefined): boolean {
  const types = (accept ?? "").split(",").map((t) => t.split(";")[0]!.trim().toLowerCase());
  const htmlAt = types.indexOf("text/html");
  const jsonAt = types.indexOf("application/json");
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
}

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
    summary:
      "Development mailbox: every queued message, newest first (an HTML page when the browser asks for text/html)",
    response: DevMailList,
    errors: ["not_found"],
    security: "none",
  }),
  validate("query", DevMailQuery),
  async (c) => {
    const to = c.req.valid("query").to ?? null;
    const messages = (await listMessages(c.var.deps.db, to)).map(devMessageJson);
    // A browser (HTML before JSON in Accept) gets a page; scripts and tests get JSON, as before.
    if (prefersHtml(c.req.header("accept"))) return html(c, DevMailPage({ messages, to }));
    return c.json({ messages });
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
