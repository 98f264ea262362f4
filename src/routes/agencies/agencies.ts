import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { listAgencies } from "../../services/agencies/agency";
import { describe, validate } from "../operation";
import { AgencyList, AgencyQuery } from "./schemas";
import { agencyJson } from "./serializers";

export const agencyRoutes = new Hono<AppEnv>();

agencyRoutes.get(
  "/",
  describe({
    tags: ["Agencies"],
    summary: "Agencies, searchable by Thai or English name or domain",
    response: AgencyList,
    errors: ["invalid_request"],
    security: "none",
  }),
  validate("query", AgencyQuery),
  async (c) => {
    return c.json({ agencies: (await listAgencies(c.var.deps.db, c.req.valid("query").q ?? null)).map(agencyJson) });
  },
);
