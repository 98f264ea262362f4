import * as v from "valibot";
import { singleLine } from "../../lib/fields";
import { MEMBERSHIP_STATUSES } from "../../workflow/membership-machine";
import { ApplicationJson } from "../applications/schemas";
import { CodeField, EmailField, isoDate, nullableIso } from "../atoms";

// The identity area's request and response schemas: validation and /openapi.json come from these.

export const EmailStartBody = v.object({
  email: EmailField,
  name: v.optional(v.nullable(singleLine(200, { optional: true }))),
});
export const EmailVerifyBody = v.object({
  email: EmailField,
  code: CodeField,
  name: v.optional(v.nullable(singleLine(200, { optional: true }))),
});
export const AddressVerifyBody = v.object({ email: EmailField, code: CodeField });
export const ProfileBody = v.object({ name: singleLine(200) });
export const CodeSent = v.object({ status: v.literal("code_sent") });
export const UserJson = v.object({
  id: v.string(),
  email: v.nullable(v.string()),
  name: v.string(),
  status: v.picklist(["active", "suspended", "deleted"]),
  isAdmin: v.boolean(),
});
export const UserResponse = v.object({ user: UserJson });
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
  roles: v.array(
    v.object({
      membershipId: v.string(),
      role: v.literal("steward"),
      agencyId: v.string(),
      status: v.picklist(MEMBERSHIP_STATUSES),
    }),
  ),
  applications: v.array(ApplicationJson),
  identities: v.array(IdentityJson),
  terms: v.object({ acceptedVersion: v.nullable(v.string()), currentVersion: v.nullable(v.string()) }),
});
// WebAuthn: the JSON forms browsers produce with PublicKeyCredential.toJSON().
const b64url = v.pipe(v.string(), v.maxLength(16384), v.regex(/^[A-Za-z0-9_-]*$/, "base64url"));
const CredentialJson = (response: v.GenericSchema) =>
  v.looseObject({
    id: b64url,
    rawId: b64url,
    type: v.literal("public-key"),
    response,
    // Extension names are identifiers (WebAuthn Level 3 §9); their outputs are the authenticator's.
    clientExtensionResults: v.optional(
      v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "an extension identifier")), v.unknown()),
      {},
    ),
    authenticatorAttachment: v.optional(v.nullable(v.picklist(["platform", "cross-platform"]))),
  });
// AuthenticatorTransport names are short lower-case tokens ("usb", "hybrid", "smart-card", ...).
const Transport = v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,19}$/, "a transport name"));
export const RegistrationCredential = CredentialJson(
  v.looseObject({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: v.optional(v.pipe(v.array(Transport), v.maxLength(10))),
  }),
);
export const AuthenticationCredential = CredentialJson(
  v.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: v.optional(v.nullable(b64url)),
  }),
);
export const PasskeyRegistrationBody = v.object({
  response: RegistrationCredential,
  name: v.optional(v.nullable(singleLine(100, { optional: true }))),
});
export const PasskeySignInBody = v.object({ response: AuthenticationCredential });
export const PasskeyJson = v.object({ id: v.string(), name: v.string(), createdAt: isoDate, lastUsedAt: nullableIso });
export const PasskeyCreated = v.object({ passkey: PasskeyJson });
export const PasskeyList = v.object({ passkeys: v.array(PasskeyJson) });
export const WebAuthnOptions = v.looseObject({ challenge: v.string() });
export const SessionJson = v.object({
  id: v.string(),
  current: v.boolean(),
  createdAt: isoDate,
  lastSeenAt: isoDate,
  userAgent: v.nullable(v.string()),
});
export const SessionList = v.object({ sessions: v.array(SessionJson) });
export const ProviderList = v.object({
  providers: v.array(v.object({ id: v.string(), nameTh: v.string(), nameEn: v.string() })),
});
