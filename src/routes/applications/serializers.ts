import type * as v from "valibot";
import type { Handover, Membership } from "../../db/schema";
import type { ApplicationRecord } from "../../services/applications/applications";
import { publicStatus, type ApplicationStatus } from "../../workflow/application-machine";
import type { MembershipStatus } from "../../workflow/membership-machine";
import type { ApplicationJson, HandoverJson, MembershipJson } from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An application as the API answers it (its schema: ApplicationJson). */
export function applicationJson({ application: app, applicant, membership }: ApplicationRecord) {
  return {
    id: app.id,
    reference: app.reference ?? "",
    agencyId: app.agencyId,
    role: app.role,
    status: publicStatus(app.status as ApplicationStatus),
    applicant: { id: applicant.id, email: app.applicantEmail, name: applicant.name },
    position: app.position,
    phone: app.phone,
    reason: app.reason,
    createdAt: new Date(app.createdAt).toISOString(),
    updatedAt: new Date(app.updatedAt).toISOString(),
    decidedAt: iso(app.decidedAt),
    decidedBy: app.decidedBy,
    decisionReason: app.decisionReason,
    deadlineAt: iso(app.deadlineAt),
    approver: app.approverEmail
      ? {
          name: app.approverName,
          position: app.approverPosition,
          email: app.approverEmail,
          nominated: app.approverNominated,
        }
      : null,
    executiveDecision:
      app.executiveDecidedAt !== null && app.executiveDecidedBy
        ? {
            by: app.executiveDecidedBy,
            at: new Date(app.executiveDecidedAt).toISOString(),
            reason: app.executiveReason,
          }
        : null,
    membership: membership
      ? {
          id: membership.id,
          status: membership.status as MembershipStatus,
          changedAt: iso(membership.statusChangedAt),
          reason: membership.statusReason,
        }
      : null,
  } satisfies v.InferOutput<typeof ApplicationJson>;
}

export type ApplicationView = ReturnType<typeof applicationJson>;

/** A steward membership (its schema: MembershipJson). */
export function membershipJson(m: Membership) {
  return {
    id: m.id,
    userId: m.userId,
    agencyId: m.agencyId,
    role: m.role,
    status: m.status as MembershipStatus,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
    statusChangedAt: iso(m.statusChangedAt),
    statusReason: m.statusReason,
  } satisfies v.InferOutput<typeof MembershipJson>;
}

/** A handover of a steward role (its schema: HandoverJson). */
export function handoverJson(h: Handover) {
  return {
    id: h.id,
    membershipId: h.membershipId,
    agencyId: h.agencyId,
    successorEmail: h.successorEmail,
    status: h.status,
    createdAt: new Date(h.createdAt).toISOString(),
    completedAt: iso(h.completedAt),
  } satisfies v.InferOutput<typeof HandoverJson>;
}
