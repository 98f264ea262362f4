import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { listAgencies } from "../../../services/agencies/agency";
import {
  listUserApplications,
  viewApplication,
  resubmitApplication,
  withdrawApplication,
} from "../../../services/applications/applications";
import { applicationTimeline } from "../../../services/applications/timeline";
import type { Bilingual } from "../../../text/bilingual";
import { applicationTransition, type ApplicationStatus } from "../../../workflow/application-machine";
import { applicationJson } from "../../applications/serializers";
import { ResubmitBody } from "../../applications/schemas";
import { ApplicationPage } from "../../../views/applications/application-page";
import { ApplicationsPage } from "../../../views/applications/applications-page";
import type { ResubmitValues } from "../../../views/applications/application-views";
import type { FormProblem } from "../../../views/platform/form-problem";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, doneOf, formFields, layoutUser, pageUser, parseForm } from "../helpers";
import { html } from "../render";
import { applicationView } from "./application-view";

/** The applicant's own applications: the list, one application, its resubmission and withdrawal. */
export const applicationPages = new Hono<AppEnv>();

/** The fields an applicant types (in the application and its resubmission), named for people when wrong. */
export const APPLICANT_FIELDS = {
  position: { th: "กรอกตำแหน่งของท่าน ไม่เกิน 200 ตัวอักษร", en: "Enter your position, up to 200 characters" },
  phone: {
    th: "กรอกหมายเลขโทรศัพท์ที่ทำงาน เช่น 02 123 4567",
    en: "Enter your work phone number, for example 02 123 4567",
  },
  reason: {
    th: "เขียนเหตุผลที่ขอเป็นผู้ดูแลข้อมูล ไม่เกิน 2,000 ตัวอักษร",
    en: "Say why you ask to be the data steward, up to 2,000 characters",
  },
} satisfies FormMessages["fields"];

/** How the resubmission form names its fields when they are wrong (see FormMessages). */
const RESUBMIT_MESSAGES: FormMessages = { fields: APPLICANT_FIELDS };

applicationPages.get("/applications", page("session"), async (c) => {
  const user = pageUser(c);
  const [apps, agencies] = await Promise.all([
    listUserApplications(c.var.deps.db, user),
    listAgencies(c.var.deps.db, null),
  ]);
  return html(
    c,
    <ApplicationsPage
      user={layoutUser(user)}
      applications={apps.map((a) => applicationView(applicationJson(a), agencies))}
    />,
  );
});

/** The banner after an action on the application, by `?done=`; `{reference}` is the application's number. */
const DONE: Record<string, Bilingual> = {
  submitted: {
    th: "ส่งคำขอแล้ว เลขที่คำขอ {reference} ใช้อ้างอิงเมื่อติดต่อ สพร. ขั้นตอนถัดไปแสดงด้านล่าง",
    en: "Your application is sent: quote reference {reference} when you contact DGA. The next step is shown below.",
  },
  resubmitted: {
    th: "ส่งคำขออีกครั้งแล้ว ผู้บริหารได้รับลิงก์อนุมัติใหม่",
    en: "Submitted again: the executive has a new approval link.",
  },
};

async function renderApplication(
  c: Context<AppEnv>,
  user: User,
  id: string,
  failed: { problem: FormProblem; values: ResubmitValues; status: ContentfulStatusCode } | null = null,
) {
  const { ctx, record } = await viewApplication(c.var.deps, id, user);
  const status = ctx.application.status as ApplicationStatus;
  const own = ctx.application.userId === user.id;
  const view = applicationView(applicationJson(record), [ctx.agency], status === "awaiting_approver");
  const timeline = await applicationTimeline(c.var.deps.db, ctx.application.id);
  const done = failed ? null : doneOf(c, DONE);
  const withReference = (text: string) => text.replaceAll("{reference}", view.reference);
  return html(
    c,
    <ApplicationPage
      user={layoutUser(user)}
      application={view}
      canWithdraw={own && applicationTransition(status, "WITHDRAWN") !== null}
      canResubmit={own && applicationTransition(status, "RESUBMITTED") !== null}
      notice={done ? { th: withReference(done.th), en: withReference(done.en) } : null}
      problem={failed?.problem ?? null}
      resubmitValues={failed?.values ?? null}
      timeline={timeline}
    />,
    failed?.status ?? 200,
  );
}

applicationPages.get("/applications/:id", page("session"), (c) => renderApplication(c, pageUser(c), c.req.param("id")));

applicationPages.post("/applications/:id/resubmit", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const values: ResubmitValues = { position: form.position ?? "", phone: form.phone ?? "", reason: form.reason ?? "" };
  const input = parseForm(ResubmitBody, values);
  const done = input.ok
    ? await attempt(() => resubmitApplication(c.var.deps, user, id, input.value, c.var.meta))
    : input;
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    const problem = formProblem(done.error, RESUBMIT_MESSAGES);
    return renderApplication(c, user, id, { problem, values, status: done.error.status });
  }
  deliverAfterResponse(c, done.value.outboxIds);
  return c.redirect(`/applications/${encodeURIComponent(id)}?done=resubmitted`, 303);
});

applicationPages.post("/applications/:id/withdraw", page("session"), async (c) => {
  const user = pageUser(c);
  const { outboxIds } = await withdrawApplication(c.var.deps, user, c.req.param("id"), c.var.meta);
  deliverAfterResponse(c, outboxIds);
  return c.redirect(`/applications/${c.req.param("id")}`, 303);
});
