import { eq } from "drizzle-orm";
import { users, type EmailIdentity, type Membership, type OidcIdentity, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { listUserApplications, type ApplicationRecord } from "../applications/applications";
import { listIdentities } from "./identities";
import { listUserMemberships } from "../applications/memberships";
import { acceptedVersion, currentTerms } from "../terms/acceptance";
import type { Lang } from "../../text/language";

/** Everything the signed-in user needs to see where they stand. */
export interface Profile {
  user: User;
  memberships: Membership[];
  applications: ApplicationRecord[];
  acceptedVersion: string | null;
  currentVersion: string | null;
  identities: { emails: EmailIdentity[]; oidc: OidcIdentity[] };
}

/** The signed-in user's profile (see Profile). */
export async function getProfile(deps: Deps, user: User): Promise<Profile> {
  const [memberships, applications, accepted, terms, identities] = await Promise.all([
    listUserMemberships(deps.db, user.id),
    listUserApplications(deps.db, user),
    acceptedVersion(deps.db, user.id),
    currentTerms(deps.db, deps.clock.now()),
    listIdentities(deps.db, user.id),
  ]);
  return {
    user,
    memberships,
    applications,
    acceptedVersion: accepted,
    currentVersion: terms?.version ?? null,
    identities,
  };
}

/** Sets the user's name (checked by the caller with the one-line text rule); audited. */
export async function renameUser(deps: Deps, user: User, name: string, meta: RequestMeta): Promise<User> {
  if (name === user.name) return user;
  const now = deps.clock.now();
  await runBatch(deps.db, [
    deps.db.update(users).set({ name, updatedAt: now }).where(eq(users.id, user.id)),
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "user.renamed",
      subject: `user:${user.id}`,
      detail: { from: user.name, to: name },
      at: now,
      meta,
    }),
  ]);
  return { ...user, name, updatedAt: now };
}

/**
 * Remembers the language a person chose (the page's switch) so that their e-mails come in it.
 * Not audited: a preference, not a right. Writes only when it changes.
 */
export async function setPreferredLanguage(deps: Deps, user: User, lang: Lang): Promise<void> {
  if (user.locale === lang) return;
  await deps.db.update(users).set({ locale: lang }).where(eq(users.id, user.id));
}
