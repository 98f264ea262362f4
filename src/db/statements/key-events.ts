import type { SQL } from "drizzle-orm";
import type { ApiKey } from "../schema";
import { queueWebhookEvent } from "./portal";
import type { Db } from "../../env";

// The signed events other portals receive about keys (docs/webhooks.md): who holds the key, for
// which steward role and agency, what it may do. Never its secret or hash.

/** The fields of a key an event carries. */
export type KeyFacts = Pick<ApiKey, "id" | "prefix" | "name" | "scopes" | "userId" | "membershipId" | "agencyId">;

/**
 * The statement queueing a `key.*` event to every subscribed endpoint, for the batch of the
 * change (written only when `guard` holds), and the event's id. `extra` adds what the event
 * says beyond the key (a successor, a reason, when it takes effect).
 */
export function keyEvent(
  db: Db,
  event: {
    type: "key.created" | "key.rotated" | "key.revoked";
    key: KeyFacts;
    now: number;
    extra?: Record<string, unknown>;
    guard?: SQL;
  },
) {
  const { key } = event;
  return queueWebhookEvent(db, {
    type: event.type,
    data: {
      keyId: key.id,
      prefix: key.prefix,
      name: key.name,
      scopes: JSON.parse(key.scopes) as string[],
      userId: key.userId,
      membershipId: key.membershipId,
      agencyId: key.agencyId,
      ...event.extra,
    },
    now: event.now,
    guard: event.guard,
  });
}
