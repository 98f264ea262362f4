import type * as v from "valibot";
import type { EmailIdentity, OidcIdentity, Passkey, Session, User } from "../../db/schema";
import type { Profile } from "../../services/identity/profile";
import type { MembershipStatus } from "../../workflow/membership-machine";
import { applicationJson } from "../applications/serializers";
import type { IdentityJson, MeResponse, PasskeyJson, SessionJson, UserJson } from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A user as the API shows it (its schema: UserJson). */
export function userJson(user: Pick<User, "id" | "email" | "name" | "status" | "isAdmin">) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    isAdmin: user.isAdmin,
  } satisfies v.InferOutput<typeof UserJson>;
}

/** A registered passkey, without its key material (its schema: PasskeyJson). */
export function passkeyJson(p: Passkey) {
  return {
    id: p.id,
    name: p.name,
    createdAt: new Date(p.createdAt).toISOString(),
    lastUsedAt: iso(p.lastUsedAt),
  } satisfies v.InferOutput<typeof PasskeyJson>;
}

/** A live session; `current` marks the one making this request (its schema: SessionJson). */
export function sessionJson(s: Session, currentId: string) {
  return {
    id: s.id,
    current: s.id === currentId,
    createdAt: new Date(s.createdAt).toISOString(),
    lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    userAgent: s.userAgent,
  } satisfies v.InferOutput<typeof SessionJson>;
}

/** The user's verified addresses and OpenID identities, in that order (their schema: IdentityJson). */
export function identitiesJson(identities: { emails: EmailIdentity[]; oidc: OidcIdentity[] }) {
  return [
    ...identities.emails.map((e) => ({
      id: e.id,
      type: "email" as const,
      email: e.email,
      provider: null,
      issuer: null,
      subject: null,
      createdAt: new Date(e.createdAt).toISOString(),
    })),
    ...identities.oidc.map((o) => ({
      id: o.id,
      type: "oidc" as const,
      email: o.email,
      provider: o.providerId,
      issuer: o.issuer,
      subject: o.subject,
      createdAt: new Date(o.createdAt).toISOString(),
    })),
  ] satisfies v.InferOutput<typeof IdentityJson>[];
}

/** GET /api/v1/me: who the user is and where they stand (its schema: MeResponse). */
export function meJson(profile: Profile) {
  return {
    user: userJson(profile.user),
    roles: profile.memberships.map((m) => ({
      membershipId: m.id,
      role: m.role,
      agencyId: m.agencyId,
      status: m.status as MembershipStatus,
    })),
    applications: profile.applications.map(applicationJson),
    identities: identitiesJson(profile.identities),
    terms: { acceptedVersion: profile.acceptedVersion, currentVersion: profile.currentVersion },
  } satisfies v.InferOutput<typeof MeResponse>;
}
