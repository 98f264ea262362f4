import { Hono } from "hono";
import * as v from "valibot";
import type { AdminEnv } from "../../middleware/app-env";
import {
  reactivateUser,
  removeUserPasskeys,
  setAdministrator,
  suspendUser,
  unlockUser,
} from "../../services/identity/admin-users";
import { getPerson, listPeople } from "../../services/identity/people";
import { BODY_ERRORS, describe, validate } from "../operation";
import { IdParam, RequiredReasonBody } from "../atoms";
import { UserResponse } from "../identity/schemas";
import { userJson } from "../identity/serializers";
import { AdminRoleBody, AdminUserList, AdminUserResponse, PersonResponse, UnlockResponse, UsersQuery } from "./schemas";
import { adminUserJson, keySummaryJson, stewardJson } from "./serializers";

export const adminUserRoutes = new Hono<AdminEnv>();

adminUserRoutes.get(
  "/",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "People: search by name or any verified e-mail, optionally by status; paged, newest first",
    response: AdminUserList,
    errors: ["invalid_request", "unauthenticated", "forbidden"],
  }),
  validate("query", UsersQuery),
  async (c) => {
    const page = await listPeople(c.var.deps, c.req.valid("query"));
    return c.json({
      users: page.items.map(adminUserJson),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);

adminUserRoutes.get(
  "/:id",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "One person: addresses, sign-in methods, steward roles, keys (never secrets), waits after wrong codes",
    response: PersonResponse,
    errors: ["invalid_request", "unauthenticated", "forbidden", "not_found"],
  }),
  validate("param", IdParam),
  async (c) => {
    const person = await getPerson(c.var.deps, c.req.valid("param").id);
    const now = c.var.deps.clock.now();
    return c.json({
      user: adminUserJson(person.user),
      emails: person.emails.map((e) => ({ email: e.email, verifiedAt: new Date(e.verifiedAt).toISOString() })),
      oidc: person.oidc,
      passkeys: person.passkeys,
      roles: person.roles.map(stewardJson),
      keys: person.keys.map((k) => keySummaryJson(k, now)),
      waitingUntil: person.waitingUntil === null ? null : new Date(person.waitingUntil).toISOString(),
    });
  },
);

adminUserRoutes.post(
  "/:id/admin",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Grant or remove the administrator role (the last active administrator cannot be removed)",
    response: AdminUserResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found", "last_administrator"],
  }),
  validate("param", IdParam),
  validate("json", AdminRoleBody),
  async (c) => {
    const body = c.req.valid("json");
    const user = await setAdministrator(c.var.deps, c.var.admin, c.req.valid("param").id, body, c.var.meta);
    return c.json({ user: adminUserJson(user) });
  },
);

adminUserRoutes.post(
  "/:id/unlock",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "End the waits that wrong codes put on a person's addresses (the account's status is unchanged)",
    response: UnlockResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found"],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    return c.json(
      await unlockUser(c.var.deps, c.var.admin, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
    );
  },
);

adminUserRoutes.post(
  "/:id/suspend",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Suspend an account: sessions end and keys verify as DISABLED at once",
    response: UserResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found", "invalid_transition", "last_administrator"],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json({
      user: userJson(
        await suspendUser(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
      ),
    });
  },
);

adminUserRoutes.post(
  "/:id/reactivate",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Reactivate a suspended or locked account",
    response: UserResponse,
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found", "invalid_transition"],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json({
      user: userJson(
        await reactivateUser(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
      ),
    });
  },
);

adminUserRoutes.post(
  "/:id/passkeys/remove",
  describe({
    security: "admin",
    tags: ["Administration"],
    summary: "Remove every passkey of a user who lost them (audited, with a reason)",
    response: v.object({ removed: v.number() }),
    errors: [...BODY_ERRORS, "unauthenticated", "forbidden", "not_found"],
  }),
  validate("param", IdParam),
  validate("json", RequiredReasonBody),
  async (c) => {
    const user = c.var.admin;
    return c.json(
      await removeUserPasskeys(c.var.deps, user, c.req.valid("param").id, c.req.valid("json").reason, c.var.meta),
    );
  },
);
