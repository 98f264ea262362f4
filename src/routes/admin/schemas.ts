import * as v from "valibot";
import { MEMBERSHIP_STATUSES } from "../../workflow/membership-machine";
import { PUBLIC_APPLICATION_STATUSES } from "../../workflow/application-machine";
import { EmailField, isoDate, nullableIso, text } from "../atoms";
import { multiLine } from "../../lib/fields";

// The admin area's request and response schemas: validation and /openapi.json come from these.

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id"));

/** Paging and search, shared by every list (CONTRACT: cursor from nextCursor, limit 1..100). */
const Paging = {
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, "1..100"), v.transform(Number), v.minValue(1), v.maxValue(100)),
  ),
  q: v.optional(text(200, { optional: true })),
};

/** A real calendar day `YYYY-MM-DD` (no 30 February: Date.parse would roll it over to March). */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A moment or a day (ISO 8601); a bare day is a Bangkok calendar day. */
const Moment = v.pipe(
  v.string(),
  v.check(
    (s) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) &&
      isCalendarDay(s.slice(0, 10)) &&
      !Number.isNaN(Date.parse(s)),
    "an ISO 8601 date (YYYY-MM-DD, a Bangkok day) or date-time with its offset",
  ),
);

export const AuditQuery = v.object({
  format: v.optional(v.picklist(["json", "csv"])),
  actor: v.optional(text(200, { optional: true })),
  action: v.optional(v.pipe(v.string(), v.regex(/^[a-z_.]{0,64}$/, "an action such as membership.revoked"))),
  subject: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:-]{0,100}$/, "a subject such as membership:mem_…"))),
  agencyId: v.optional(Id),
  from: v.optional(Moment),
  to: v.optional(Moment),
  ...Paging,
});
export const AuditEventJson = v.object({
  id: v.string(),
  at: isoDate,
  actor: v.string(),
  action: v.string(),
  subject: v.string(),
  detail: v.record(v.string(), v.unknown()),
  ip: v.nullable(v.string()),
  /** The event in words (Thai and English). */
  description: v.object({ th: v.string(), en: v.string() }),
});
export const AuditList = v.object({ events: v.array(AuditEventJson), nextCursor: v.optional(v.string()) });

export const ApplicationsQuery = v.object({
  status: v.optional(v.picklist([...PUBLIC_APPLICATION_STATUSES, "open"])),
  agencyId: v.optional(Id),
  ...Paging,
});

export const StewardsQuery = v.object({
  status: v.optional(v.picklist([...MEMBERSHIP_STATUSES, "all"])),
  agencyId: v.optional(Id),
  userId: v.optional(Id),
  ...Paging,
});
export const StewardJson = v.object({
  membershipId: v.string(),
  status: v.picklist(MEMBERSHIP_STATUSES),
  since: isoDate,
  statusChangedAt: nullableIso,
  statusReason: v.nullable(v.string()),
  applicationId: v.nullable(v.string()),
  agency: v.object({ id: v.string(), nameTh: v.string(), nameEn: v.string() }),
  user: v.object({ id: v.string(), email: v.nullable(v.string()), name: v.string(), status: v.string() }),
  activeKeys: v.number(),
});
export const StewardList = v.object({ stewards: v.array(StewardJson), nextCursor: v.optional(v.string()) });
export const KeySummaryJson = v.object({
  id: v.string(),
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(v.string()),
  status: v.picklist(["active", "rotating", "revoked", "expired"]),
  createdAt: isoDate,
  expiresAt: nullableIso,
  graceUntil: nullableIso,
  revokedAt: nullableIso,
  lastUsedAt: nullableIso,
});
export const StewardResponse = v.object({
  steward: StewardJson,
  keys: v.array(KeySummaryJson),
  pendingHandover: v.nullable(v.object({ successorEmail: v.string(), createdAt: isoDate })),
});

export const KeyExpiryBody = v.pipe(
  v.object({
    membershipId: v.optional(Id),
    agencyId: v.optional(Id),
    userId: v.optional(Id),
    graceSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(604800)),
    reason: multiLine(2000),
  }),
  v.check(
    (b) => [b.membershipId, b.agencyId, b.userId].filter((x) => x !== undefined).length === 1,
    "exactly one of membershipId, agencyId, userId",
  ),
);
export const KeyExpiryResponse = v.object({ keys: v.number() });

export const UsersQuery = v.object({
  status: v.optional(v.picklist(["active", "suspended", "deleted"])),
  ...Paging,
});
export const AdminUserJson = v.object({
  id: v.string(),
  email: v.nullable(v.string()),
  name: v.string(),
  status: v.picklist(["active", "suspended", "deleted"]),
  isAdmin: v.boolean(),
  createdAt: isoDate,
});
export const AdminUserList = v.object({ users: v.array(AdminUserJson), nextCursor: v.optional(v.string()) });
export const AdminUserResponse = v.object({ user: AdminUserJson });
export const AdminRoleBody = v.object({ grant: v.boolean(), reason: multiLine(2000) });
export const UnlockResponse = v.object({ cleared: v.number() });
export const PersonResponse = v.object({
  user: AdminUserJson,
  emails: v.array(v.object({ email: v.string(), verifiedAt: isoDate })),
  oidc: v.array(v.object({ providerId: v.string(), email: v.nullable(v.string()) })),
  passkeys: v.number(),
  roles: v.array(StewardJson),
  keys: v.array(KeySummaryJson),
  waitingUntil: nullableIso,
});

export const ConsoleSummary = v.object({
  awaitingReview: v.number(),
  openApplications: v.number(),
  activeStewards: v.number(),
  agencies: v.number(),
  people: v.number(),
  currentTermsVersion: v.nullable(v.string()),
  /** Messages whose every attempt failed (the mail page lists them, with a retry). */
  failedMessages: v.number(),
  /** Addresses mail is not sent to (hard bounces, complaints). */
  suppressedAddresses: v.number(),
  /** Applications whose approver's address did not accept the approval request. */
  bouncedApprovals: v.number(),
  /** CKAN calls that failed for good or until an administrator retries (the CKAN page lists them). */
  failedCkanCalls: v.number(),
  /** Differences between CKAN's editors and the active stewards, found by the last reconciliations. */
  ckanDrift: v.number(),
  /** Webhook deliveries whose every attempt failed (the webhooks page lists them). */
  failedWebhookDeliveries: v.number(),
});

export const MailQuery = v.object({ status: v.optional(v.picklist(["failed", "suppressed", "bounced"])) });
export const MailRecordJson = v.object({
  id: v.string(),
  template: v.string(),
  to: v.array(v.string()),
  subject: v.string(),
  status: v.string(),
  attempts: v.number(),
  lastError: v.nullable(v.string()),
  createdAt: isoDate,
  sentAt: nullableIso,
  delivery: v.nullable(v.picklist(["delivered", "delayed", "bounced", "complained"])),
  deliveryAt: nullableIso,
  deliveryDetail: v.nullable(v.string()),
  /** False when its one-time code or link has died: it cannot be sent again. */
  retryable: v.boolean(),
});
export const MailList = v.object({ messages: v.array(MailRecordJson) });
export const MailResponse = v.object({ message: MailRecordJson });
export const SuppressionJson = v.object({
  address: v.string(),
  reason: v.picklist(["bounce", "complaint"]),
  detail: v.nullable(v.string()),
  messageId: v.nullable(v.string()),
  createdAt: isoDate,
  liftedAt: nullableIso,
  liftedBy: v.nullable(v.string()),
});
export const SuppressionList = v.object({ suppressions: v.array(SuppressionJson) });
export const LiftBody = v.object({ address: EmailField, reason: multiLine(2000) });
