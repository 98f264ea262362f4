import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { memberships, termsVersions, users, type User } from "../../db/schema";
import { runBatch, type Statement } from "../../db/guarded";
import { AppError } from "../../errors";
import { termsPublishedEmail } from "../../../emails/terms-published";
import type { RenderedEmail } from "../../../emails/layout";
import type { Lang } from "../../text/language";
import { auditStatement, actorOf } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { queueEmail } from "../../db/statements/outbox";
import { forgetTermsVersions } from "./versions";
import { termsSha256 } from "./acceptance";

export interface TermsInput {
  version: string;
  titleTh: string;
  titleEn: string;
  bodyTh: string;
  bodyEn: string;
  effectiveAt?: string | null;
}

/**
 * Publishes a new version of the terms. From `effectiveAt` (default now) it is the current
 * version: users accept it again before applying, and stewards' publish keys verify as
 * DISABLED until they do. Every steward is e-mailed, in the same batch.
 */
export async function publishTerms(deps: Deps, admin: User, input: TermsInput, meta: RequestMeta) {
  const now = deps.clock.now();
  const effectiveAt = input.effectiveAt ? Date.parse(input.effectiveAt) : now;
  const [existing] = await deps.db
    .select({ version: termsVersions.version })
    .from(termsVersions)
    .where(eq(termsVersions.version, input.version))
    .limit(1);
  if (existing)
    throw new AppError("conflict", {
      th: `มีฉบับ ${input.version} อยู่แล้ว`,
      en: `Version ${input.version} exists already.`,
    });
  const terms = {
    version: input.version,
    titleTh: input.titleTh,
    titleEn: input.titleEn,
    bodyTh: input.bodyTh,
    bodyEn: input.bodyEn,
    sha256: await termsSha256(input.bodyTh, input.bodyEn),
    effectiveAt,
    createdAt: now,
  };
  const stewards = await deps.db
    .selectDistinct({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(inArray(memberships.status, ["active", "suspended"]), isNotNull(users.email), eq(users.status, "active")),
    );
  // One rendering per language: each steward reads it in theirs (both when they never chose).
  const rendered = new Map<Lang | null, RenderedEmail>();
  const emailIn = (lang: Lang | null) => {
    const email =
      rendered.get(lang) ??
      termsPublishedEmail({
        version: terms.version,
        titleTh: terms.titleTh,
        titleEn: terms.titleEn,
        effectiveAt,
        appUrl: deps.config.appOrigin,
        lang,
      });
    rendered.set(lang, email);
    return email;
  };
  const messages = stewards.map((s) =>
    queueEmail(deps.db, { template: "terms_published", to: [s.email!], email: emailIn(s.locale), now }),
  );
  const statements: Statement[] = [
    deps.db.insert(termsVersions).values(terms),
    ...messages.map((m) => m.statement),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "terms.published",
      subject: `terms:${terms.version}`,
      detail: {
        sha256: terms.sha256,
        effectiveAt: new Date(effectiveAt).toISOString(),
        stewardsNotified: stewards.length,
      },
      at: now,
      meta,
    }),
  ];
  try {
    await runBatch(deps.db, statements);
  } catch (error) {
    if (String(error).includes("UNIQUE"))
      throw new AppError("conflict", {
        th: `มีฉบับ ${input.version} อยู่แล้ว`,
        en: `Version ${input.version} exists already.`,
      });
    throw error;
  }
  forgetTermsVersions();
  return { terms, outboxIds: messages.map((m) => m.id) };
}
