import type { Bilingual } from "../../text/bilingual";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { displayName } from "../../text/bilingual";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { passkeys, webauthnChallenges, type Passkey, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { MINUTE } from "../../lib/clock";
import { newId } from "../../lib/ids";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { removeSignInMethod } from "./identities";

export const CHALLENGE_TTL_MS = 5 * MINUTE;

export function verificationFailed(
  detail: Bilingual = { th: "ไม่สามารถยืนยันพาสคีย์ได้", en: "The passkey could not be verified." },
): AppError {
  return new AppError("passkey_verification_failed", detail);
}

/** A WebAuthn challenge: its purpose, the user it was issued to (null for sign-in), and the time (epoch ms). */
export interface ChallengeUse {
  challenge: string;
  purpose: "registration" | "authentication";
  userId: string | null;
  now: number;
}

/**
 * Consumes a challenge once: unused, unexpired, of this purpose (and user, for registration).
 * Returns whether it was consumed now (false: unknown, used, expired or another's).
 */
export async function consumeChallenge(db: Db, { challenge, purpose, userId, now }: ChallengeUse): Promise<boolean> {
  const rows = await db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
        userId ? eq(webauthnChallenges.userId, userId) : undefined,
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge });
  return rows.length === 1;
}

/**
 * Stores a challenge issued now; it lives CHALLENGE_TTL_MS (5 min: WebAuthn Level 2 recommends
 * 5–10 min timeouts when user verification is required).
 */
export async function saveChallenge(db: Db, { challenge, purpose, userId, now }: ChallengeUse) {
  await db
    .insert(webauthnChallenges)
    .values({ challenge, purpose, userId, expiresAt: now + CHALLENGE_TTL_MS, createdAt: now });
}

export async function listPasskeys(db: Db, userId: string) {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(desc(passkeys.createdAt));
}

/** Creation options for a new passkey of the signed-in user (discoverable, user verification required). */
export async function passkeyRegistrationOptions(deps: Deps, user: User) {
  const existing = await listPasskeys(deps.db, user.id);
  const options = await generateRegistrationOptions({
    rpName: deps.config.rpName,
    rpID: deps.config.rpId,
    userName: user.email ?? user.name ?? user.id,
    userDisplayName: displayName(user) || user.id,
    userID: new TextEncoder().encode(user.id) as Uint8Array<ArrayBuffer>,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: JSON.parse(p.transports) as string[] })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await saveChallenge(deps.db, {
    challenge: options.challenge,
    purpose: "registration",
    userId: user.id,
    now: deps.clock.now(),
  });
  return options;
}

export async function registerPasskey(
  deps: Deps,
  user: User,
  response: RegistrationResponseJSON,
  name: string | null,
  meta: RequestMeta,
) {
  const now = deps.clock.now();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) =>
        consumeChallenge(deps.db, { challenge, purpose: "registration", userId: user.id, now }),
      expectedOrigin: deps.config.appOrigin,
      expectedRPID: deps.config.rpId,
      requireUserVerification: true,
    });
  } catch (error) {
    throw verificationFailed({
      th: `ลงทะเบียนพาสคีย์ไม่สำเร็จ`,
      en: `The passkey could not be registered (${error instanceof Error ? error.message : "invalid response"}).`,
    });
  }
  if (!verification.verified) throw verificationFailed();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  const [taken] = await deps.db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.credentialId, credential.id))
    .limit(1);
  if (taken) throw verificationFailed({ th: "พาสคีย์นี้ลงทะเบียนไว้แล้ว", en: "This passkey is already registered." });
  const passkey: Passkey = {
    id: newId("pky"),
    userId: user.id,
    credentialId: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
    name: name?.trim() || `Passkey ${new Date(now).toISOString().slice(0, 10)}`,
    createdAt: now,
    lastUsedAt: null,
    usedTx: null,
  };
  await runBatch(deps.db, [
    deps.db.insert(passkeys).values(passkey),
    auditStatement(deps.db, {
      actor: user.email ?? user.id,
      action: "passkey.registered",
      subject: `user:${user.id}`,
      detail: { passkeyId: passkey.id, name: passkey.name },
      at: now,
      meta,
    }),
  ]);
  return passkey;
}

/** Removes one of the user's passkeys, never the last way to sign in (409 `last_sign_in_method`; 404). */
export async function removePasskey(deps: Deps, user: User, id: string, meta: RequestMeta): Promise<void> {
  const notFound = new AppError("not_found", { th: "ไม่พบพาสคีย์นี้", en: "No such passkey." });
  const [passkey] = await deps.db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, user.id)))
    .limit(1);
  if (!passkey) throw notFound;
  const detail = { passkeyId: id, name: passkey.name };
  await removeSignInMethod(deps, user, passkeys, id, { action: "passkey.removed", detail, meta }, notFound);
}
