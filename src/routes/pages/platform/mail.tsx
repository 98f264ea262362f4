import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { AppError } from "../../../errors";
import { isBlank } from "../../../lib/fields";
import { listBouncedApprovals, listMail, retryMessage } from "../../../services/platform/mail-admin";
import { liftSuppression, listSuppressions } from "../../../services/platform/suppressions";
import { MAIL_DONE, MailPage } from "../../../views/platform/mail-page";
import { attempt, doneOf, formFields, layoutUser, pageUser } from "../helpers";
import { html } from "../render";
import * as v from "valibot";
import { LiftBody } from "../../admin/schemas";

/** The administrators' mail page (GET /admin/mail) and its two actions, each redirecting back. */
export const mailPages = new Hono<AppEnv>();

const iso = (ms: number) => new Date(ms).toISOString();

async function renderMail(c: Context<AppEnv>, error: AppError | null = null, status: ContentfulStatusCode = 200) {
  const { deps } = c.var;
  const [bounced, failed, suppressions] = await Promise.all([
    listBouncedApprovals(deps),
    listMail(deps, "failed"),
    listSuppressions(deps.db),
  ]);
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <MailPage
      user={layoutUser(pageUser(c))}
      bounced={bounced.map((b) => ({
        ...b,
        agencyName: { th: b.agencyNameTh, en: b.agencyNameEn },
        at: iso(b.at),
      }))}
      failed={failed.map((m) => ({ ...m, createdAt: iso(m.createdAt) }))}
      suppressions={suppressions.map((s) => ({ ...s, createdAt: iso(s.createdAt) }))}
      notice={error ? null : doneOf(c, MAIL_DONE)}
      error={error?.text ?? null}
    />,
    status,
  );
}

mailPages.get("/admin/mail", page("admin"), (c) => renderMail(c));

mailPages.post("/admin/mail/:id/retry", page("admin"), async (c) => {
  const done = await attempt(() => retryMessage(c.var.deps, pageUser(c), c.req.param("id"), null, c.var.meta));
  if (!done.ok) return renderMail(c, done.error, 409);
  deliverAfterResponse(c, [done.value.id]);
  return c.redirect("/admin/mail?done=retried", 303);
});

mailPages.post("/admin/suppressions/lift", page("admin"), async (c) => {
  const form = await formFields(c);
  // The API's own rules (a well-formed address, a reason without control characters).
  const parsed = v.safeParse(LiftBody, form);
  if (isBlank(form.reason ?? "") || !parsed.success)
    return renderMail(
      c,
      new AppError("invalid_request", {
        th: "กรุณาระบุเหตุผลที่ยกเลิกการระงับ เป็นข้อความธรรมดา",
        en: "Say, in plain text, why the suppression is lifted.",
      }),
      400,
    );
  const { address, reason } = parsed.output;
  const done = await attempt(() => liftSuppression(c.var.deps, pageUser(c), address, reason, c.var.meta));
  if (!done.ok) return renderMail(c, done.error, 404);
  return c.redirect("/admin/mail?done=lifted", 303);
});
