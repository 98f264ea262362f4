import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { requestHandover } from "../../../services/applications/handovers";
import { cancelMembership, listRoles } from "../../../services/applications/memberships";
import { HandoverBody } from "../../applications/schemas";
import { RequiredReasonBody } from "../../atoms";
import {
  ROLE_DONE,
  RolesPage,
  roleFieldIds,
  type RoleFormError,
  type RoleView,
} from "../../../views/applications/roles-page";
import type { FormProblem } from "../../../views/platform/form-problem";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, formFields, layoutUser, pageUser, parseForm, doneOf } from "../helpers";
import { html } from "../render";

/** The steward roles page: the user's memberships, handover and cancellation. */
export const rolesPages = new Hono<AppEnv>();

/** The handover form's field, named for people when it is wrong (see FormMessages). */
const HANDOVER_MESSAGES: FormMessages = {
  fields: {
    successorEmail: {
      th: "กรอกอีเมลราชการของผู้รับช่วง เช่น name@agency.go.th",
      en: "Enter the successor's official e-mail, like name@agency.go.th",
    },
  },
};

/** The service's refusals that are about the successor named (its own words say why). */
const HANDOVER_REFUSALS: FormMessages = {
  fields: {},
  codes: {
    invalid_request: "successorEmail",
    email_domain_not_allowed: "successorEmail",
    email_domain_mismatch: "successorEmail",
    conflict: "successorEmail",
  },
};

/** The give-up form's fields, named for people when they are wrong. */
const CANCEL_MESSAGES: FormMessages = {
  fields: {
    reason: {
      th: "เขียนเหตุผลที่สละบทบาท ไม่เกิน 2,000 ตัวอักษร",
      en: "Say why you give up the role, up to 2,000 characters",
    },
    confirm: {
      th: "ทำเครื่องหมายเพื่อยืนยันว่าท่านเข้าใจว่ากุญแจเผยแพร่ข้อมูลจะหยุดทำงานทันที",
      en: "Tick the box to confirm you understand that your publish keys stop at once",
    },
  },
};

type RoleFailure = RoleFormError & { error: AppError };

/** A form's problem with its fields renamed to the inputs' ids on this page (one set per role). */
function onRolePage(problem: FormProblem, membershipId: string): FormProblem {
  const ids: Record<string, string> = roleFieldIds(membershipId);
  return {
    general: problem.general,
    fields: problem.fields.map((f) => ({ ...f, field: ids[f.field] ?? f.field })),
  };
}

async function renderRoles(c: Context<AppEnv>, user: User, failed: RoleFailure | null = null) {
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
  const error: RoleFormError | null = failed
    ? {
        membershipId: failed.membershipId,
        form: failed.form,
        problem: onRolePage(failed.problem, failed.membershipId),
        value: failed.value,
        confirmed: failed.confirmed,
      }
    : null;
  const done = doneOf(c, ROLE_DONE);
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <RolesPage user={layoutUser(user)} roles={roles} done={failed ? null : done} error={error} />,
    failed?.error.status ?? 200,
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
  if (!done.ok) {
    const problem = formProblem(done.error, input.ok ? HANDOVER_REFUSALS : HANDOVER_MESSAGES);
    return renderRoles(c, user, {
      error: done.error,
      problem,
      form: "handover",
      membershipId: id,
      value,
      confirmed: false,
    });
  }
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect("/roles?done=handover", 303);
});

rolesPages.post("/roles/:id/cancel", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const value = form.reason ?? "";
  const confirmed = form.confirm === "yes";
  const input = parseForm(RequiredReasonBody, { reason: value });
  // The box is part of the form's check: an unticked box is a field error beside the reason's.
  const checked =
    input.ok && confirmed
      ? input
      : {
          ok: false as const,
          error: new AppError(
            "invalid_request",
            { th: "กรุณาตรวจสอบข้อมูลที่กรอก", en: "Please check the form." },
            {
              errors: [
                ...(input.ok ? [] : (input.error.errors ?? [])),
                ...(confirmed ? [] : [{ path: "confirm", message: "required" }]),
              ],
            },
          ),
        };
  const done = checked.ok
    ? await attempt(() => cancelMembership(c.var.deps, user, id, checked.value.reason, c.var.meta))
    : checked;
  if (!done.ok) {
    const problem = formProblem(done.error, CANCEL_MESSAGES);
    return renderRoles(c, user, { error: done.error, problem, form: "cancel", membershipId: id, value, confirmed });
  }
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect("/roles?done=cancelled", 303);
});
