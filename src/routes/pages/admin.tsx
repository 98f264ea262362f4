import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { deliverAfterResponse } from "../../lib/after-commit";
import { reviewApplication } from "../../services/admin-review";
import { listAgencies } from "../../services/agencies";
import { listAllApplications } from "../../services/applications";
import { PUBLIC_APPLICATION_STATUSES, type PublicApplicationStatus } from "../../workflow/application-machine";
import { AdminPage } from "../../views/admin-page";
import { formFields, layoutUser, pageUser } from "./helpers";

export const adminPages = new Hono<AppEnv>();

function requirePageAdmin(c: Parameters<typeof pageUser>[0]) {
  const user = pageUser(c);
  if (!user.isAdmin) throw new AppError("forbidden", "Administrators only. / สำหรับผู้ดูแลระบบเท่านั้น");
  return user;
}

adminPages.get("/admin", async (c) => {
  const user = requirePageAdmin(c);
  const status = c.req.query("status");
  const filter = (PUBLIC_APPLICATION_STATUSES as readonly string[]).includes(status ?? "") ? (status as PublicApplicationStatus) : null;
  const [apps, agencies] = await Promise.all([listAllApplications(c.var.deps.db, filter), listAgencies(c.var.deps.db, null)]);
  const names = new Map(agencies.map((a) => [a.id, a]));
  const rows = apps.map((a) => ({
    id: a.id,
    agencyNameTh: names.get(a.agencyId)?.nameTh ?? a.agencyId,
    agencyNameEn: names.get(a.agencyId)?.nameEn ?? a.agencyId,
    role: a.role,
    status: a.status,
    position: a.position,
    phone: a.phone,
    reason: a.reason,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    decidedAt: a.decidedAt,
    decidedBy: a.decidedBy,
    decisionReason: a.decisionReason,
    applicantName: a.applicant.name,
    applicantEmail: a.applicant.email,
  }));
  return c.html(<AdminPage user={layoutUser(user)} applications={rows} filter={filter} />);
});

adminPages.post("/admin/applications/:id/:decision{approve|reject|return}", async (c) => {
  const user = requirePageAdmin(c);
  const form = await formFields(c);
  const decision = c.req.param("decision") as "approve" | "reject" | "return";
  const reason = form.reason?.trim() || null;
  if (decision === "return" && !reason) throw new AppError("invalid_request", "A returned application needs a reason. / กรุณาระบุเหตุผล");
  const { outboxIds } = await reviewApplication(c.var.deps, user, c.req.param("id"), decision, reason, c.var.meta);
  deliverAfterResponse(c, outboxIds);
  return c.redirect("/admin?status=awaiting_review", 303);
});
