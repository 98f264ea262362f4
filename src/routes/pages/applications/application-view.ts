import type { ApplicationJson } from "../../applications/schemas";
import type { ApplicationView } from "../../../views/applications/application-views";
import type * as v from "valibot";

type AgencyNames = { id: string; nameTh: string; nameEn: string };

/** What the pages show of an application (its JSON, with its agency's names). */
export function applicationView(
  app: v.InferOutput<typeof ApplicationJson>,
  agencies: AgencyNames[],
  awaitingApprover = false,
): ApplicationView {
  const agency = agencies.find((a) => a.id === app.agencyId);
  return {
    id: app.id,
    reference: app.reference,
    agencyNameTh: agency?.nameTh ?? app.agencyId,
    agencyNameEn: agency?.nameEn ?? app.agencyId,
    role: app.role,
    status: app.status,
    position: app.position,
    phone: app.phone,
    reason: app.reason,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    decidedAt: app.decidedAt,
    decidedBy: app.decidedBy,
    decisionReason: app.decisionReason,
    deadlineAt: app.deadlineAt,
    approver: app.approver,
    awaitingApprover,
    executiveDecision: app.executiveDecision,
    membership: app.membership,
  };
}
