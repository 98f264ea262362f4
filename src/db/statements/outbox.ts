import { sql, type SQL } from "drizzle-orm";
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
    /** The row's id when the guard must name it (e.g. a claim that records its message); else a new one. */
    id?: string;
    /** The application an approval request is about (a bounce flags it). */
    applicationId?: string;
  },
) {
  const { template, to, email, now, guard } = message;
  const values = {
    id: message.id ?? newId("msg"),
    template,
    to: JSON.stringify(to),
    subject: email.subject,
    text: email.text,
    html: email.html,
    status: "pending" as const,
    nextAttemptAt: now,
    createdAt: now,
    secretExpiresAt: message.secretExpiresAt ?? null,
    applicationId: message.applicationId ?? null,
  };
  const statement = guard ? insertWhere(db, outbox, values, guard) : db.insert(outbox).values(values);
  return { id: values.id, statement };
}

/**
 * An outbox row whose subject and bodies hold `placeholder` where a value the same batch writes
 * belongs (an application's reference, numbered by its row): the insert replaces it with
 * `value` (an SQL expression read at insert time), so the message is written in the batch of
 * the transition that causes it, with the value that transition made. Written only if `guard`
 * holds. The value must need no HTML escaping (digits, letters).
 */
export function queueEmailWith(
  db: Db,
  message: { template: string; to: string[]; email: MessageContent; now: number; guard: SQL },
  substitute: { placeholder: string; value: SQL },
) {
  const id = newId("msg");
  const fill = (text: string) => sql`replace(${text}, ${substitute.placeholder}, ${substitute.value})`;
  const { email, now } = message;
  const statement = db.run(
    sql`INSERT INTO outbox (id, template, "to", subject, text, html, status, next_attempt_at, created_at)
      SELECT ${id}, ${message.template}, ${JSON.stringify(message.to)}, ${fill(email.subject)}, ${fill(email.text)},
        ${fill(email.html)}, 'pending', ${now}, ${now}
      WHERE ${message.guard}`,
  );
  return { id, statement };
}
