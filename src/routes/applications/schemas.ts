import * as v from "valibot";
import { multiLine } from "../../lib/fields";
import { PUBLIC_APPLICATION_STATUSES } from "../../workflow/application-machine";
import { MEMBERSHIP_STATUSES } from "../../workflow/membership-machine";
import { EmailField, isoDate, nullableIso, phone, text } from "../atoms";

// The applications area's request and response schemas: validation and /openapi.json come from these.

export const ApplicationJson = v.object({
  id: v.string(),
  /** A short number people can quote on the phone (เลขที่คำขอ). */
  reference: v.string(),
  agencyId: v.string(),
  role: v.literal("steward"),
  status: v.picklist(PUBLIC_APPLICATION_STATUSES),
  applicant: v.object({ id: v.string(), email: v.string(), name: v.string() }),
  position: v.string(),
  phone: v.string(),
  reason: v.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  decidedAt: nullableIso,
  decidedBy: v.nullable(v.string()),
  decisionReason: v.nullable(v.string()),
  deadlineAt: nullableIso,
  approver: v.nullable(
    v.object({
      name: v.nullable(v.string()),
      position: v.nullable(v.string()),
      email: v.string(),
      nominated: v.boolean(),
    }),
  ),
  /** The executive's decision: who, when, and their comment (null until they decide). */
  executiveDecision: v.nullable(v.object({ by: v.string(), at: isoDate, reason: v.nullable(v.string()) })),
  /** The steward role the application granted, as it stands now (null before approval). */
  membership: v.nullable(
    v.object({
      id: v.string(),
      status: v.picklist(MEMBERSHIP_STATUSES),
      changedAt: nullableIso,
      reason: v.nullable(v.string()),
    }),
  ),
});
export const ApplicationResponse = v.object({ application: ApplicationJson });
export const ApplicationList = v.object({
  applications: v.array(ApplicationJson),
  nextCursor: v.optional(v.string()),
});
export const ApplicationBody = v.object({
  agencyId: text(64),
  role: v.picklist(["steward"]),
  position: text(200),
  phone,
  reason: multiLine(2000),
  /** Only for an agency with no executive on file: who should approve (an administrator confirms). */
  approver: v.optional(v.object({ name: text(200), position: text(200), email: EmailField })),
});
export const ResubmitBody = v.object({
  position: v.optional(text(200)),
  phone: v.optional(phone),
  reason: v.optional(multiLine(2000)),
});
export const ApproverBody = v.object({ name: text(200), position: text(200), email: EmailField });
export const MembershipJson = v.object({
  id: v.string(),
  userId: v.string(),
  agencyId: v.string(),
  role: v.literal("steward"),
  status: v.picklist(MEMBERSHIP_STATUSES),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** When the status last changed, and the reason given (null while it never changed). */
  statusChangedAt: nullableIso,
  statusReason: v.nullable(v.string()),
});
export const MembershipResponse = v.object({ membership: MembershipJson });
export const HandoverBody = v.object({ successorEmail: EmailField });
export const HandoverJson = v.object({
  id: v.string(),
  membershipId: v.string(),
  agencyId: v.string(),
  successorEmail: v.string(),
  status: v.picklist(["pending", "completed", "cancelled"]),
  createdAt: isoDate,
  completedAt: nullableIso,
});
export const HandoverResponse = v.object({ handover: HandoverJson });
