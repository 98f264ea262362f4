import type * as v from "valibot";
import type { OutboxMessage } from "../../db/schema";
import type { DevMessageJson } from "./schemas";

/** A message of the development mailbox (its schema: DevMessageJson). */
export function devMessageJson(m: OutboxMessage) {
  return {
    id: m.id,
    to: JSON.parse(m.to) as string[],
    subject: m.subject,
    text: m.text,
    html: m.html,
    status: m.status,
    createdAt: new Date(m.createdAt).toISOString(),
  } satisfies v.InferOutput<typeof DevMessageJson>;
}
