import { Hono } from "hono";
import type { AppEnv } from "../../middleware/app-env";
import { requireUser } from "../../middleware/session";
import { endOtherSessions, endSession, listSessions } from "../../services/identity/sessions";
import { describe, validate } from "../operation";
import { IdParam } from "../atoms";
import { SessionList } from "./schemas";
import { sessionJson } from "./serializers";

export const sessionRoutes = new Hono<AppEnv>();

sessionRoutes.get(
  "/",
  describe({
    tags: ["Sessions"],
    summary: "Your live sessions, newest first",
    response: SessionList,
    errors: ["unauthenticated"],
  }),
  async (c) => {
    const { user, sessionId } = requireUser(c);
    return c.json({ sessions: (await listSessions(c.var.deps, user.id)).map((s) => sessionJson(s, sessionId)) });
  },
);

sessionRoutes.post(
  "/revoke-others",
  describe({ tags: ["Sessions"], summary: "Sign out every other session", status: 204, errors: ["unauthenticated"] }),
  async (c) => {
    const { user, sessionId } = requireUser(c);
    await endOtherSessions(c.var.deps, user, sessionId, c.var.meta);
    return c.body(null, 204);
  },
);

sessionRoutes.delete(
  "/:id",
  describe({
    tags: ["Sessions"],
    summary: "End one of your sessions at once",
    status: 204,
    errors: ["unauthenticated", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    const { user } = requireUser(c);
    await endSession(c.var.deps, user, c.req.valid("param").id, c.var.meta);
    return c.body(null, 204);
  },
);
