import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { requestHandover } from "../../../services/applications/handovers";
import { cancelMembership, listRoles } from "../../../services/applications/memberships";
import { HandoverBody } from "../../applications/schemas";
import { RequiredReasonBody } from "../../atoms";
import { ROLE_DONE, RolesPage, type RoleFormError, type RoleView } from "../../../views/applications/roles-page";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm, doneOf } from "../helpers";

/** The steward roles page: the user's memberships, handover and cancellation. */
export const rolesPages = new Hono<AppEnv>();

async function renderRoles(
  c: Context<AppEnv>,
  user: User,
  failed: { error: AppError; form: RoleFormError["form"]; membershipId: string; value: string } | null = null,
) {
  const roles: RoleView[] = (await listRoles(c.var.deps.db, user.id)).map(
    ({ membership: m, nameTh, nameEn, pendingHandover: handover }) => ({
      id: m.id,
      agencyNameTh: nameTh,
      agencyNameEn: nameEn,
      role: m.role,
      status: m.status,
      since: new Date(m.createdAt).toISOString(),
      updatedAt: new Date(m.updatedAt).toISOString(),
      pendingHandover: handover
        ? { successorEmail: handover.successorEmail, createdAt: new Date(handover.createdAt).toISOString() }
        : null,
    }),
  );
  const error = failed
    ? { membershipId: failed.membershipId, form: failed.form, message: messageOf(failed.error), value: failed.value }
    : null;
  const done = doneOf(c, ROLE_DONE);
  c.header("Cache-Control", "no-store");
  return c.html(
    <RolesPage user={layoutUser(user)} roles={roles} done={failed ? null : done} error={error} />,
    (failed?.error.status ?? 200) as ContentfulStatusCode,
  );
}

rolesPages.get("/roles", page("session"), (c) => renderRoles(c, pageUser(c)));

rolesPages.post("/roles/:id/handover", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const value = form.successorEmail ?? "";
  const input = parseForm(HandoverBody, { successorEmail: value });
  const done = input.ok
    ? await attempt(() => requestHandover(c.var.deps, user, id, input.value.successorEmail, c.var.meta))
    : input;
  if (!done.ok) return renderRoles(c, user, { error: done.error, form: "handover", membershipId: id, value });
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect("/roles?done=handover", 303);
});

rolesPages.post("/roles/:id/cancel", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const value = form.reason ?? "";
  const input = parseForm(RequiredReasonBody, { reason: value });
  const unconfirmed =
    form.confirm !== "yes"
      ? new AppError(
          "invalid_request",
          "กรุณายืนยันว่าเข้าใจผลของการสละบทบาท / Please confirm that you understand what giving up the role does.",
        )
      : null;
  const checked = unconfirmed ? { ok: false as const, error: unconfirmed } : input;
  const done = checked.ok
    ? await attempt(() => cancelMembership(c.var.deps, user, id, checked.value.reason, c.var.meta))
    : checked;
  if (!done.ok) return renderRoles(c, user, { error: done.error, form: "cancel", membershipId: id, value });
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect("/roles?done=cancelled", 303);
});
