import { eq } from "drizzle-orm";
import { ckanAccounts } from "../../db/schema";
import type { Deps } from "../../deps";
import type { CkanConfig } from "../../env";
import { randomBase62 } from "../../lib/crypto";
import { ckanAction, CkanError } from "./ckan-client";

// The CKAN user a person is: the one steward matched them to before; else, as CKAN_USERS says,
// one steward creates (`create`, the default: never an account someone else made — CKAN does
// not verify e-mails), the existing user named after the official e-mail (`name`), or the
// existing user with that e-mail (`email`). The match is kept in `ckan_accounts`.

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

/** `user_show` by id or name, in any state (a deleted user still holds its name), or null. */
async function showUser(ckan: CkanConfig, id: string): Promise<CkanUser | null> {
  try {
    return (await ckanAction(ckan, "user_show", { id })) as CkanUser;
  } catch (error) {
    if (error instanceof CkanError && error.kind === "not_found") return null;
    throw error;
  }
}

const usable = (user: CkanUser | null): user is CkanUser => user !== null && user.state !== "deleted";

/** The active CKAN user whose e-mail is `email` (a sysadmin's `user_list` shows e-mails). */
async function userWithEmail(ckan: CkanConfig, email: string): Promise<CkanUser | null> {
  const users = (await ckanAction(ckan, "user_list", { q: email, limit: 20 })) as CkanUser[];
  return users.find((u) => sameEmail(u, email) && usable(u)) ?? null;
}

/** A new CKAN user for the person: the derived name, or with a short suffix when CKAN has it (in any state). */
async function createUser(ckan: CkanConfig, person: { email: string; fullName: string }): Promise<CkanUser> {
  const derived = ckanUserName(person.email);
  const taken = (await showUser(ckan, derived)) !== null;
  try {
    return (await ckanAction(ckan, "user_create", {
      name: taken ? `${derived.slice(0, 93)}-${randomBase62(6).toLowerCase()}` : derived,
      email: person.email,
      fullname: person.fullName || undefined,
      // Nobody knows it: the person signs in to CKAN by its own means (password reset, SSO).
      password: randomBase62(32),
    })) as CkanUser;
  } catch (error) {
    // CKAN keeps e-mails unique: someone already has an account with this address, which
    // steward does not adopt (CKAN never verified it). A person decides who owns it.
    if (error instanceof CkanError && error.kind === "validation" && /email/i.test(error.message))
      throw new CkanError(
        "user_create",
        "validation",
        error.status,
        `CKAN already has a user with the e-mail ${person.email}, not made by steward: check who owns it, then delete it in CKAN or set CKAN_USERS=email, and retry`,
      );
    throw error;
  }
}

async function linkOf(deps: Deps, userId: string) {
  const [linked] = await deps.db.select().from(ckanAccounts).where(eq(ckanAccounts.userId, userId)).limit(1);
  return linked ?? null;
}

/**
 * Finds (or, in `create` mode when `mayCreate`, creates) the CKAN user of person `userId` with
 * official `email`. Removals pass `mayCreate: false`. Returns the account, or null when there is
 * none to use. Throws CkanError (CKAN's answers; `validation` when `user_create` refuses).
 */
export async function ckanAccountOf(
  deps: Deps,
  ckan: CkanConfig,
  person: { userId: string; email: string; fullName: string },
  options: { mayCreate: boolean },
): Promise<CkanAccount | null> {
  const linked = await linkOf(deps, person.userId);
  if (linked) {
    const user = await showUser(ckan, linked.ckanId);
    if (usable(user)) return { id: user.id, name: user.name };
    // Deleted in CKAN meanwhile: match again.
    await deps.db.delete(ckanAccounts).where(eq(ckanAccounts.userId, person.userId));
  }
  let found: CkanUser | null = null;
  if (ckan.users === "name") {
    const named = await showUser(ckan, ckanUserName(person.email));
    found = usable(named) && sameEmail(named, person.email) ? named : null;
  } else if (ckan.users === "email") {
    found = await userWithEmail(ckan, person.email);
  } else if (options.mayCreate) {
    found = await createUser(ckan, person);
  }
  if (!found) return null;
  // The first match stays (two deliverers never run for one person at once; see claim()).
  await deps.db
    .insert(ckanAccounts)
    .values({
      userId: person.userId,
      ckanId: found.id,
      ckanName: found.name,
      created: ckan.users === "create",
      linkedAt: deps.clock.now(),
    })
    .onConflictDoNothing();
  const kept = (await linkOf(deps, person.userId))!;
  return { id: kept.ckanId, name: kept.ckanName };
}

/** CKAN user ids steward matched to persons, and back (for reconciliation). */
export async function linkedAccounts(deps: Deps): Promise<Map<string, { userId: string; ckanName: string }>> {
  const all = await deps.db.select().from(ckanAccounts);
  return new Map(all.map((a) => [a.ckanId, { userId: a.userId, ckanName: a.ckanName }]));
}
