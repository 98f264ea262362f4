import * as v from "valibot";
import { DomainName, EmailAddress, multiLine, singleLine } from "../lib/fields";
import { PUBLIC_APPLICATION_STATUSES } from "../workflow/application-machine";
import { MEMBERSHIP_STATUSES } from "../workflow/membership-machine";

// Request and response schemas: validation and /openapi.json come from these alone.

const text = singleLine;
const phone = v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()-]{6,20}$/, "หมายเลขโทรศัพท์ไม่ถูกต้อง / a phone number"));
const isoDate = v.pipe(v.string(), v.isoTimestamp());
const nullableIso = v.nullable(isoDate);

export const EmailField = EmailAddress;

export const EmailStartBody = v.object({ email: EmailField, name: v.optional(v.nullable(singleLine(200, { optional: true }))) });
export const CodeField = v.pipe(v.string(), v.regex(/^\d{6}$/, "รหัส 6 หลัก / a 6-digit code"));
export const EmailVerifyBody = v.object({ email: EmailField, code: CodeField, name: v.optional(v.nullable(singleLine(200, { optional: true }))) });
export const AddressVerifyBody = v.object({ email: EmailField, code: CodeField });
export const ProfileBody = v.object({ name: singleLine(200) });
export const CodeSent = v.object({ status: v.literal("code_sent") });

export const UserJson = v.object({ id: v.string(), email: v.nullable(v.string()), name: v.string(), status: v.picklist(["active", "suspended", "deleted"]), isAdmin: v.boolean() });
export const UserResponse = v.object({ user: UserJson });

export const ApplicationJson = v.object({
  id: v.string(),
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
  approver: v.nullable(v.object({ name: v.nullable(v.string()), position: v.nullable(v.string()), email: v.string(), nominated: v.boolean() })),
});
export const ApplicationResponse = v.object({ application: ApplicationJson });
export const ApplicationList = v.object({ applications: v.array(ApplicationJson) });

export const IdentityJson = v.object({
  id: v.string(),
  type: v.picklist(["email", "oidc"]),
  email: v.nullable(v.string()),
  provider: v.nullable(v.string()),
  issuer: v.nullable(v.string()),
  subject: v.nullable(v.string()),
  createdAt: isoDate,
});

export const MeResponse = v.object({
  user: UserJson,
  roles: v.array(v.object({ membershipId: v.string(), role: v.literal("steward"), agencyId: v.string(), status: v.picklist(MEMBERSHIP_STATUSES) })),
  applications: v.array(ApplicationJson),
  identities: v.array(IdentityJson),
  terms: v.object({ acceptedVersion: v.nullable(v.string()), currentVersion: v.nullable(v.string()) }),
});

export const TermsJson = v.object({
  version: v.string(),
  titleTh: v.string(),
  titleEn: v.string(),
  bodyTh: v.string(),
  bodyEn: v.string(),
  effectiveAt: isoDate,
  sha256: v.pipe(v.string(), v.hexadecimal(), v.length(64)),
});
export const TermsAcceptBody = v.object({ version: text(50) });
export const TermsAccepted = v.object({ version: v.string(), sha256: v.string(), acceptedAt: isoDate });

export const AgencyQuery = v.object({ q: v.optional(singleLine(200, { optional: true })) });
export const AgencyList = v.object({
  agencies: v.array(v.object({ id: v.string(), nameTh: v.string(), nameEn: v.string(), domains: v.array(v.string()), reviewRequired: v.boolean() })),
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
export const IdParam = v.object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id")) });

export const Scopes = v.pipe(
  v.array(v.picklist(["read", "publish"])),
  v.minLength(1),
  v.maxLength(2),
  v.check((scopes) => scopes.includes("read"), 'scopes are ["read"] or ["read", "publish"]'),
);
export const KeyBody = v.object({
  name: text(100),
  scopes: Scopes,
  expiresInDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(730)))),
  agencyId: v.optional(v.nullable(text(64))),
});
export const KeyJson = v.object({
  id: v.string(),
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(v.picklist(["read", "publish"])),
  status: v.picklist(["active", "rotating", "revoked", "expired"]),
  agencyId: v.nullable(v.string()),
  createdAt: isoDate,
  expiresAt: nullableIso,
  lastUsedAt: nullableIso,
  graceUntil: nullableIso,
  revokedAt: nullableIso,
});
export const KeyCreated = v.object({ key: KeyJson, secret: v.string() });
export const KeyList = v.object({ keys: v.array(KeyJson) });
export const RotateBody = v.object({ graceSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(604800)) });
// Any string: a gateway forwards whatever its client sent, and an unknown key is NOT_FOUND.
export const VerifyBody = v.object({ key: v.string() });
export const VerifyResponse = v.object({
  valid: v.boolean(),
  code: v.picklist(["VALID", "NOT_FOUND", "REVOKED", "EXPIRED", "DISABLED"]),
  keyId: v.optional(v.string()),
  userId: v.optional(v.string()),
  agencyId: v.optional(v.nullable(v.string())),
  scopes: v.optional(v.array(v.picklist(["read", "publish"]))),
  reason: v.optional(v.string()),
});

export const StatusQuery = v.object({ status: v.optional(v.picklist(PUBLIC_APPLICATION_STATUSES)) });
export const ReasonBody = v.object({ reason: v.optional(v.nullable(multiLine(2000, { optional: true }))) });
export const RequiredReasonBody = v.object({ reason: multiLine(2000) });
export const ApproverBody = v.object({ name: text(200), position: text(200), email: EmailField });
export const MembershipJson = v.object({
  id: v.string(),
  userId: v.string(),
  agencyId: v.string(),
  role: v.literal("steward"),
  status: v.picklist(MEMBERSHIP_STATUSES),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const MembershipResponse = v.object({ membership: MembershipJson });

export const AuditQuery = v.object({
  format: v.optional(v.picklist(["json", "csv"])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(10000))),
});
export const AuditList = v.object({
  events: v.array(v.object({ id: v.string(), at: isoDate, actor: v.string(), action: v.string(), subject: v.string(), detail: v.record(v.string(), v.unknown()), ip: v.nullable(v.string()) })),
});

export const DevMailQuery = v.object({ to: v.optional(singleLine(254, { optional: true })) });
export const DevMailList = v.object({
  messages: v.array(v.object({ id: v.string(), to: v.array(v.string()), subject: v.string(), text: v.string(), html: v.string(), status: v.string(), createdAt: isoDate })),
});
export const DevClockBody = v.object({ offsetSeconds: v.pipe(v.number(), v.finite(), v.minValue(-3153600000), v.maxValue(3153600000)) });

// WebAuthn: the JSON forms browsers produce with PublicKeyCredential.toJSON().
const b64url = v.pipe(v.string(), v.maxLength(16384), v.regex(/^[A-Za-z0-9_-]*$/, "base64url"));
const CredentialJson = (response: v.GenericSchema) =>
  v.looseObject({
    id: b64url,
    rawId: b64url,
    type: v.literal("public-key"),
    response,
    // Extension names are identifiers (WebAuthn Level 3 §9); their outputs are the authenticator's.
    clientExtensionResults: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "an extension identifier")), v.unknown()), {}),
    authenticatorAttachment: v.optional(v.nullable(v.picklist(["platform", "cross-platform"]))),
  });
// AuthenticatorTransport names are short lower-case tokens ("usb", "hybrid", "smart-card", ...).
const Transport = v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,19}$/, "a transport name"));
export const RegistrationCredential = CredentialJson(
  v.looseObject({ clientDataJSON: b64url, attestationObject: b64url, transports: v.optional(v.pipe(v.array(Transport), v.maxLength(10))) }),
);
export const AuthenticationCredential = CredentialJson(
  v.looseObject({ clientDataJSON: b64url, authenticatorData: b64url, signature: b64url, userHandle: v.optional(v.nullable(b64url)) }),
);
export const PasskeyRegistrationBody = v.object({ response: RegistrationCredential, name: v.optional(v.nullable(singleLine(100, { optional: true }))) });
export const PasskeySignInBody = v.object({ response: AuthenticationCredential });
export const PasskeyJson = v.object({ id: v.string(), name: v.string(), createdAt: isoDate, lastUsedAt: nullableIso });
export const PasskeyCreated = v.object({ passkey: PasskeyJson });
export const PasskeyList = v.object({ passkeys: v.array(PasskeyJson) });
export const WebAuthnOptions = v.looseObject({ challenge: v.string() });

export const SessionList = v.object({
  sessions: v.array(v.object({ id: v.string(), current: v.boolean(), createdAt: isoDate, lastSeenAt: isoDate, userAgent: v.nullable(v.string()) })),
});

export const HandoverBody = v.object({ successorEmail: EmailField });
export const HandoverResponse = v.object({
  handover: v.object({
    id: v.string(),
    membershipId: v.string(),
    agencyId: v.string(),
    successorEmail: v.string(),
    status: v.picklist(["pending", "completed", "cancelled"]),
    createdAt: isoDate,
    completedAt: nullableIso,
  }),
});

// Agency directory (administrators). The service checks the same limits for pages and CSV.
const AgencyDays = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const AgencyPerson = { name: text(200), email: EmailField };
export const AgencyCreateBody = v.object({
  nameTh: text(300),
  nameEn: text(300),
  ministry: v.pipe(text(200), v.description("Thai or English name, or code (e.g. MOI), of the ministry")),
  domains: v.pipe(v.array(DomainName), v.minLength(1), v.maxLength(20)),
  executive: v.optional(v.nullable(v.object({ ...AgencyPerson, position: text(200) }))),
  delegateEmails: v.optional(v.pipe(v.array(EmailField), v.maxLength(10))),
  fallback: v.optional(v.nullable(v.object(AgencyPerson))),
  fallbackAfterDays: v.optional(AgencyDays(30)),
  reminderDays: v.optional(v.pipe(v.array(AgencyDays(60)), v.maxLength(10))),
  approvalTtlDays: v.optional(AgencyDays(60)),
  reviewRequired: v.optional(v.boolean()),
  strongerApproval: v.optional(v.boolean()),
});
export const AgencyUpdateBody = v.partial(AgencyCreateBody);
export const AgencyDetailJson = v.object({
  id: v.string(),
  nameTh: v.string(),
  nameEn: v.string(),
  ministryTh: v.nullable(v.string()),
  ministryEn: v.nullable(v.string()),
  domains: v.array(v.string()),
  executive: v.nullable(v.object({ name: v.string(), position: v.string(), email: v.string() })),
  delegateEmails: v.array(v.string()),
  fallback: v.nullable(v.object({ name: v.string(), email: v.string() })),
  fallbackAfterDays: v.number(),
  reminderDays: v.array(v.number()),
  approvalTtlDays: v.number(),
  reviewRequired: v.boolean(),
  strongerApproval: v.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const AgencyDetailResponse = v.object({ agency: AgencyDetailJson });
export const AgencyImportQuery = v.object({ skipInvalid: v.optional(v.picklist(["true", "false"])) });
export const AgencyImportReport = v.object({
  imported: v.number(),
  skipped: v.number(),
  rows: v.array(
    v.object({
      line: v.number(),
      status: v.picklist(["imported", "invalid", "skipped"]),
      nameTh: v.string(),
      errors: v.array(v.object({ field: v.string(), message: v.string() })),
    }),
  ),
});
