import { eq } from "drizzle-orm";
import { ckanAccounts } from "../../db/schema";
import type { Deps } from "../../deps";
import type { CkanConfig } from "../../env";
import { randomBase62 } from "../../lib/crypto";
import { ckanAction, CkanError } from "./ckan-client";

// The CKAN user a person is: the one steward matched them to before, else the user whose name
// is derived from their official e-mail, else the user with that e-mail; else (CKAN_CREATE_USERS)
// a new one made with `user_create`. The match is kept in `ckan_accounts`.

export interface CkanAccount {
  id: string;
  name: string;
}

interface CkanUser {
  id: string;
  name: string;
  email?: string | null;
  state?: string;
}

/**
 * The CKAN user name steward gives the person with `email`: CKAN names are 2–100 characters of
 * lower-case letters, digits, `-` and `_` (CKAN's `name_validator`), so `Somchai.J@dga.or.th`
 * becomes `somchai-j-dga-or-th`.
 */
export function ckanUserName(email: string): string {
  const name = email
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);
  return name.length >= 2 ? name : `user-${name}`;
}

const sameEmail = (user: CkanUser, email: string) => (user.email ?? "").toLowerCase() === email.toLowerCase();

/** `user_show` by id or name: the user, or null when CKAN has none (or only a deleted one). */
async function showUser(ckan: CkanConfig, id: string): Promise<CkanUser | null> {
  try {
    const user = (await ckanAction(ckan, "user_show", { id })) as CkanUser;
    return user.state === "deleted" ? null : user;
  } catch (error) {
    if (error instanceof CkanError && error.kind === "not_found") return null;
    throw error;
  }
}

/** The active CKAN user whose e-mail is `email` (a sysadmin's `user_list` shows e-mails). */
async function userWithEmail(ckan: CkanConfig, email: string): Promise<CkanUser | null> {
  const users = (await ckanAction(ckan, "user_list", { q: email, limit: 20 })) as CkanUser[];
  return users.find((u) => sameEmail(u, email) && u.state !== "deleted") ?? null;
}

/**
 * Finds (or, when allowed, creates) the CKAN user of person `userId` with official `email`.
 * `mayCreate: false` only finds (removals never create an account). Returns the account, or null
 * when CKAN has none and none may be created. Throws CkanError (CKAN's answers; `validation`
 * when `user_create` refuses the name or e-mail).
 */
export async function ckanAccountOf(
  deps: Deps,
  ckan: CkanConfig,
  person: { userId: string; email: string; fullName: string },
  options: { mayCreate: boolean },
): Promise<CkanAccount | null> {
  const [linked] = await deps.db.select().from(ckanAccounts).where(eq(ckanAccounts.userId, person.userId)).limit(1);
  if (linked) {
    const user = await showUser(ckan, linked.ckanId);
    if (user) return { id: user.id, name: user.name };
    // Deleted in CKAN meanwhile: match again.
    await deps.db.delete(ckanAccounts).where(eq(ckanAccounts.userId, person.userId));
  }
  const derived = ckanUserName(person.email);
  const byName = await showUser(ckan, derived);
  let found = byName && sameEmail(byName, person.email) ? byName : await userWithEmail(ckan, person.email);
  let created = false;
  if (!found) {
    if (!options.mayCreate || !ckan.createUsers) return null;
    found = (await ckanAction(ckan, "user_create", {
      // A taken name (another person's) gets a short suffix.
      name: byName ? `${derived.slice(0, 93)}-${randomBase62(6).toLowerCase()}` : derived,
      email: person.email,
      fullname: person.fullName || undefined,
      // Nobody knows it: the person signs in to CKAN by its own means (password reset, SSO).
      password: randomBase62(32),
    })) as CkanUser;
    created = true;
  }
  await deps.db
    .insert(ckanAccounts)
    .values({ userId: person.userId, ckanId: found.id, ckanName: found.name, created, linkedAt: deps.clock.now() })
    .onConflictDoUpdate({ target: ckanAccounts.userId, set: { ckanId: found.id, ckanName: found.name } });
  return { id: found.id, name: found.name };
}

/** CKAN user ids steward matched to persons, and back (for reconciliation). */
export async function linkedAccounts(deps: Deps): Promise<Map<string, { userId: string; ckanName: string }>> {
  const all = await deps.db.select().from(ckanAccounts);
  return new Map(all.map((a) => [a.ckanId, { userId: a.userId, ckanName: a.ckanName }]));
}
