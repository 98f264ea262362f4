import { Hono } from "hono";
import type { AdminEnv } from "../../middleware/app-env";
import { consoleSummary } from "../../services/platform/console-summary";
import { describe } from "../operation";
import { ConsoleSummary } from "./schemas";

export const adminSummaryRoutes = new Hono<AdminEnv>();

adminSummaryRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "The console's counts: awaiting review, open applications, live stewards, agencies, people",
    response: ConsoleSummary,
    errors: ["unauthenticated", "forbidden"],
  }),
  async (c) => c.json(await consoleSummary(c.var.deps)),
);
