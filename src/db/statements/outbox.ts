import type { SQL } from "drizzle-orm";
import type { Db } from "../../env";
import { newId } from "../../lib/ids";
import { insertWhere } from "../guarded";
import { outbox } from "../schema";

/** A rendered message: subject, plain text and HTML (see emails/). */
export interface MessageContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * An outbox row for the batch of the transition that causes it. With a guard, the row is
 * written only if the transition's compare-and-swap matched. `secretExpiresAt` (ms) marks a
 * body that carries a code or link: outside development it is erased once sent or once that
 * secret is dead (see eraseSecretBodies).
 */
export function queueEmail(
  db: Db,
  message: {
    template: string;
    to: string[];
    email: MessageContent;
    now: number;
    guard?: SQL;
    secretExpiresAt?: number;
  },
) {
  const { template, to, email, now, guard } = message;
  const values = {
    id: newId("msg"),
    template,
    to: JSON.stringify(to),
    subject: email.subject,
    text: email.text,
    html: email.html,
    status: "pending" as const,
    nextAttemptAt: now,
    createdAt: now,
    secretExpiresAt: message.secretExpiresAt ?? null,
  };
  const statement = guard ? insertWhere(db, outbox, values, guard) : db.insert(outbox).values(values);
  return { id: values.id, statement };
}
