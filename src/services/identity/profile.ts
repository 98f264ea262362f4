import { eq } from "drizzle-orm";
import { users, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { listUserApplications } from "../applications/applications";
import { listIdentities } from "./identities";
import { listUserMemberships } from "../applications/memberships";
import { acceptedVersion, currentTerms } from "../terms/acceptance";

export function serializeUser(user: Pick<User, "id" | "email" | "name" | "status" | "isAdmin">) {
  return { id: user.id, email: user.email, name: user.name, status: user.status, isAdmin: user.isAdmin };
}

/** Everything the signed-in user needs to see where they stand. */
export async function getProfile(deps: Deps, user: User) {
  const [memberships, applications, accepted, terms, identities] = await Promise.all([
    listUserMemberships(deps.db, user.id),
    listUserApplications(deps.db, user),
    acceptedVersion(deps.db, user.id),
    currentTerms(deps.db, deps.clock.now()),
    listIdentities(deps.db, user.id),
  ]);
  return {
    user: serializeUser(user),
    roles: memberships.map((m) => ({ membershipId: m.id, role: m.role, agencyId: m.agencyId, status: m.status })),
    applications,
    identities,
    terms: { acceptedVersion: accepted, currentVersion: terms?.version ?? null },
  };
}

/** Sets the user's name (checked by the caller with the one-line text rule); audited. */
export async function renameUser(deps: Deps, user: User, name: string, meta: RequestMeta): Promise<User> {
  if (name === user.name) return user;
  const now = deps.clock.now();
  await runBatch(deps.db, [
    deps.db.update(users).set({ name, updatedAt: now }).where(eq(users.id, user.id)),
    auditStatement(deps.db, { actor: user.email ?? user.id, action: "user.renamed", subject: `user:${user.id}`, detail: { from: user.name, to: name } }, now, meta),
  ]);
  return { ...user, name, updatedAt: now };
}
