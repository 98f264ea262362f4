// The database schema (drizzle), split by noun. Times are epoch milliseconds (integer); ids are
// prefixed random strings (src/lib/ids.ts). Migrations: `npm run db:generate` (drizzle-kit).
import type { agencies } from "./agencies";
import type { apiKeys } from "./keys";
import type { emailIdentities, oidcIdentities, passkeys, sessions, users } from "./identity";
import type { handovers, oneTimeTokens, applications, memberships } from "./workflow";
import type { auditEvents, outbox } from "./system";
import type { termsVersions } from "./terms";
import type { ckanOperations, webhookDeliveries, webhookEndpoints } from "./portal";

export * from "./agencies";
export * from "./identity";
export * from "./keys";
export * from "./portal";
export * from "./system";
export * from "./terms";
export * from "./workflow";

export type User = typeof users.$inferSelect;
export type Agency = typeof agencies.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type TermsVersion = typeof termsVersions.$inferSelect;
export type OidcIdentity = typeof oidcIdentities.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
export type EmailIdentity = typeof emailIdentities.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Handover = typeof handovers.$inferSelect;
export type CkanOperation = typeof ckanOperations.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
