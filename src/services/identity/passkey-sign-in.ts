import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, eq, sql } from "drizzle-orm";
import { newId } from "../../lib/ids";
import { passkeys, users } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import type { Deps, RequestMeta } from "../../deps";
import { consumeChallenge, saveChallenge, verificationFailed } from "./passkeys";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import { assertCanSignIn, openSessionStatements } from "./sign-in-session";

/** Request options for a discoverable-credential sign-in: no allowCredentials. */
export async function passkeySignInOptions(deps: Deps, meta: RequestMeta) {
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.passkeyPerIp, meta.ip ?? "unknown", now);
  const options = await generateAuthenticationOptions({ rpID: deps.config.rpId, userVerification: "required" });
  await saveChallenge(deps.db, { challenge: options.challenge, purpose: "authentication", userId: null, now });
  return options;
}

/**
 * Verifies an assertion: the challenge is consumed (single use, 5 minutes), origin and RP ID
 * are checked, user verification is required, and a counter that does not grow is refused
 * (a cloned authenticator). The new counter is stored with a compare-and-swap.
 */
export async function signInWithPasskey(
  deps: Deps,
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
  previousSessionId: string | null,
) {
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.passkeyPerIp, meta.ip ?? "unknown", now);
  const credentialId = typeof response?.id === "string" ? response.id : "";
  const [row] = await deps.db
    .select({ passkey: passkeys, user: users })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1);
  if (!row) throw verificationFailed({ th: "ไม่พบพาสคีย์นี้ในระบบ", en: "This passkey is not registered here." });
  const { passkey, user } = row;
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) =>
        consumeChallenge(deps.db, { challenge, purpose: "authentication", userId: null, now }),
      expectedOrigin: deps.config.appOrigin,
      expectedRPID: deps.config.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: JSON.parse(passkey.transports),
      },
      requireUserVerification: true,
    });
    if (!verification.verified) throw new Error("not verified");
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    throw verificationFailed({
      th: `ไม่สามารถยืนยันพาสคีย์ได้`,
      en: `The passkey could not be verified (${error instanceof Error ? error.message : "invalid response"}).`,
    });
  }
  // Only a valid assertion learns that the account is suspended.
  assertCanSignIn(user);
  // The session is opened only if this batch's counter compare-and-swap matched.
  const tx = newId("tx");
  const advanced = sql`EXISTS (SELECT 1 FROM passkeys WHERE id = ${passkey.id} AND used_tx = ${tx})`;
  const session = await openSessionStatements(deps, {
    user,
    method: "passkey",
    meta,
    previousSessionId,
    actor: user.email ?? user.id,
    guard: advanced,
  });
  const [updated] = await runBatch(deps.db, [
    deps.db
      .update(passkeys)
      .set({ counter: newCounter, lastUsedAt: now, usedTx: tx })
      .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
      .returning({ id: passkeys.id }),
    ...session.statements,
  ]);
  if ((updated as unknown[]).length === 0) {
    // Another sign-in with the same assertion counter won: a replay or a cloned authenticator.
    throw verificationFailed();
  }
  return { user, sessionToken: session.token };
}
