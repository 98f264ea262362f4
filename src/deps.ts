import type { Clock } from "./lib/clock";
import type { Config, Db } from "./env";
import type { Mailer } from "./services/platform/mailer";

/** What every service receives: injected so tests fix the clock and capture mail. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  mail: Mailer;
}

/** Where a request came from, kept as evidence in audit events and acceptances. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
