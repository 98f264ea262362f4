import type { Bilingual } from "../../text/bilingual";
import { and, eq, gt, isNull } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { oidcFlows, oidcIdentities, users, type User } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { AppError } from "../../errors";
import { sanitizeLine } from "../../lib/fields";
import { sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { auditStatement } from "../../db/statements/audit";
import { hitRateLimit, RATE_LIMITS } from "./rate-limit";
import type { Deps, RequestMeta } from "../../deps";
import {
  clientOf,
  discover,
  providerById,
  providerUnavailable,
  redirectUri,
  requestOptions,
} from "./oidc-provider-client";
import { assertCanSignIn, openSessionStatements } from "./sign-in-session";
import { flowCookieName } from "./oidc-flow";

function failed(detail: Bilingual): AppError {
  return new AppError("oidc_failed", detail);
}

/**
 * The person's name from the provider's claims, cleaned with the one-line text rule (the claim
 * cannot be refused like a form field, so what breaks the rule is taken out; 200 characters).
 */
function displayName(claims: Record<string, unknown>): string | null {
  const name = typeof claims.name === "string" ? sanitizeLine(claims.name, 200) : null;
  if (name) return name;
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === "string");
  return sanitizeLine(parts.join(" "), 200);
}

/**
 * The provider's redirect back: the flow (by `state`) must exist, be unused, unexpired and
 * started in this browser; it is consumed before the code is redeemed, so a replayed callback
 * fails. Identity is (`iss`, `sub`); there is no automatic linking by e-mail.
 */
export async function completeOidcSignIn(
  deps: Deps,
  callback: {
    providerId: string;
    /** The redirect URL as the browser requested it (with `code` and `state`). */
    callbackUrl: URL;
    /** This browser's cookies: the flow cookie proves the flow started here. */
    cookies: Record<string, string>;
    meta: RequestMeta;
    previousSessionId: string | null;
  },
) {
  const { providerId, callbackUrl, cookies, meta, previousSessionId } = callback;
  const provider = providerById(deps.config, providerId);
  const now = deps.clock.now();
  await hitRateLimit(deps.db, RATE_LIMITS.oidcPerIp, meta.ip ?? "unknown", now);
  const state = callbackUrl.searchParams.get("state");
  if (!state) throw failed({ th: "ไม่พบ state ในคำตอบของผู้ให้บริการ", en: "The provider's answer has no state." });
  const stateHash = await sha256Hex(state);
  const [flow] = await deps.db.select().from(oidcFlows).where(eq(oidcFlows.stateHash, stateHash)).limit(1);
  const binding = cookies[flowCookieName(stateHash)];
  if (
    !flow ||
    flow.providerId !== providerId ||
    !binding ||
    !timingSafeEqual(flow.bindingHash, await sha256Hex(binding))
  ) {
    throw failed({
      th: "การเข้าสู่ระบบนี้ไม่ได้เริ่มจากเบราว์เซอร์นี้",
      en: "This sign-in was not started in this browser, or its state was altered.",
    });
  }
  const consumed = await deps.db
    .update(oidcFlows)
    .set({ usedAt: now })
    .where(and(eq(oidcFlows.stateHash, stateHash), isNull(oidcFlows.usedAt), gt(oidcFlows.expiresAt, now)))
    .returning({ stateHash: oidcFlows.stateHash });
  if (consumed.length === 0)
    throw failed({
      th: "การเข้าสู่ระบบนี้ถูกใช้แล้วหรือหมดอายุ",
      en: "This sign-in was already used or has expired: start again.",
    });

  const as = await discover(deps.config, provider, now);
  const { client, auth } = clientOf(provider);
  let claims: oauth.IDToken;
  let accessToken: string;
  try {
    const params = oauth.validateAuthResponse(as, client, callbackUrl, state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      params,
      redirectUri(deps.config, provider),
      flow.codeVerifier,
      requestOptions(deps.config),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: flow.nonce,
      requireIdToken: true,
    });
    claims = oauth.getValidatedIdTokenClaims(tokens)!;
    accessToken = tokens.access_token;
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw failed(
        error.error === "access_denied"
          ? { th: "ยกเลิกการเข้าสู่ระบบที่ผู้ให้บริการ", en: "Sign-in was cancelled at the provider." }
          : { th: `ผู้ให้บริการปฏิเสธ: ${error.error}`, en: `The provider refused: ${error.error}.` },
      );
    }
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError) {
      throw failed({
        th: `คำตอบของผู้ให้บริการไม่ผ่านการตรวจสอบ`,
        en: `The provider's answer was not accepted (${error.message}).`,
      });
    }
    throw providerUnavailable(provider, error);
  }
  let name = displayName(claims as Record<string, unknown>);
  if (!name && as.userinfo_endpoint) {
    try {
      const res = await oauth.userInfoRequest(as, client, accessToken, requestOptions(deps.config));
      name = displayName((await oauth.processUserInfoResponse(as, client, claims.sub, res)) as Record<string, unknown>);
    } catch {
      // The name is a convenience: a failing UserInfo endpoint does not stop the sign-in.
    }
  }
  return signInWithIdentity(
    deps,
    {
      providerId,
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === "string" ? sanitizeLine(claims.email, 254) : null,
      name,
    },
    flow,
    meta,
    previousSessionId,
  );
}

async function signInWithIdentity(
  deps: Deps,
  identity: { providerId: string; issuer: string; subject: string; email: string | null; name: string | null },
  flow: { linkUserId: string | null; returnTo: string },
  meta: RequestMeta,
  previousSessionId: string | null,
) {
  const { db } = deps;
  const now = deps.clock.now();
  const [existing] = await db
    .select({ identity: oidcIdentities, user: users })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)))
    .limit(1);
  const subject = `oidc:${identity.providerId}:${identity.subject}`;
  const statements: Statement[] = [];
  let user: User;
  if (flow.linkUserId) {
    if (existing && existing.user.id !== flow.linkUserId)
      throw failed({ th: "ตัวตนนี้ผูกกับบัญชีอื่นแล้ว", en: "This identity belongs to another account." });
    const [owner] = await db.select().from(users).where(eq(users.id, flow.linkUserId)).limit(1);
    if (!owner) throw failed({ th: "ไม่พบบัญชีที่จะเชื่อมโยง", en: "The account to link no longer exists." });
    user = owner;
    if (!existing) {
      statements.push(
        db
          .insert(oidcIdentities)
          .values({ id: newId("oid"), userId: user.id, ...identity, createdAt: now, lastUsedAt: now }),
        auditStatement(db, {
          actor: user.email ?? user.id,
          action: "identity.linked",
          subject: `user:${user.id}`,
          detail: { provider: identity.providerId, issuer: identity.issuer, sub: identity.subject },
          at: now,
          meta,
        }),
      );
    }
  } else if (existing) {
    user = existing.user;
    statements.push(
      db
        .update(oidcIdentities)
        .set({ lastUsedAt: now, ...(identity.name ? { name: identity.name } : {}) })
        .where(eq(oidcIdentities.id, existing.identity.id)),
    );
  } else {
    user = {
      id: newId("usr"),
      email: null,
      name: identity.name ?? "",
      status: "active",
      isAdmin: false,
      rightsVersion: 0,
      locale: null,
      transitionId: null,
      createdAt: now,
      updatedAt: now,
    };
    statements.push(
      db.insert(users).values(user),
      db
        .insert(oidcIdentities)
        .values({ id: newId("oid"), userId: user.id, ...identity, createdAt: now, lastUsedAt: now }),
      auditStatement(db, {
        actor: subject,
        action: "user.signed_up",
        subject: `user:${user.id}`,
        detail: { method: "oidc", provider: identity.providerId, issuer: identity.issuer },
        at: now,
        meta,
      }),
    );
  }
  assertCanSignIn(user);
  const session = await openSessionStatements(deps, {
    user,
    method: `oidc:${identity.providerId}`,
    meta,
    previousSessionId,
    actor: user.email ?? subject,
  });
  statements.push(...session.statements);
  await runBatch(db, statements);
  return { user, sessionToken: session.token, returnTo: flow.returnTo };
}
