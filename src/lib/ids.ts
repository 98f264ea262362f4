import { randomBase62 } from "./crypto";

export type IdPrefix =
  | "usr"
  | "batch"
  | "eml"
  | "oid"
  | "pky"
  | "hnd"
  | "ntc"
  | "agc"
  | "trm"
  | "app"
  | "mem"
  | "otk"
  | "ses"
  | "key"
  | "aud"
  | "msg"
  | "tx"
  | "ckop"
  | "drf"
  | "whe"
  | "evt";

/** A prefixed random id, e.g. `app_3kT9...`: readable in logs, unguessable. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(22)}`;
}
