import type * as v from "valibot";
import type { ApiKey } from "../../db/schema";
import { keyStatus, type Scope } from "../../services/keys/api-keys";
import type { KeyJson } from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An API key as its owner sees it, never its secret; `status` at `now` (ms) (its schema: KeyJson). */
export function keyJson(key: ApiKey, now: number) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: JSON.parse(key.scopes) as Scope[],
    status: keyStatus(key, now),
    agencyId: key.agencyId,
    createdAt: new Date(key.createdAt).toISOString(),
    expiresAt: iso(key.expiresAt),
    lastUsedAt: iso(key.lastUsedAt),
    graceUntil: iso(key.graceUntil),
    revokedAt: iso(key.revokedAt),
  } satisfies v.InferOutput<typeof KeyJson>;
}
