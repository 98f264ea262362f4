// Every operation of the JSON API, listed once, with who may call it and a body of the right
// shape (what the checks before the operation need; ids are placeholders). The security tests
// (test/platform/route-checks.test.ts) give each one its common cases, and fail when
// /openapi.json documents an operation missing here.

import { ADMIN_OPERATIONS } from "./routes-admin";
import { PUBLIC_OPERATIONS } from "./routes-public";

export type Access = "none" | "session" | "admin" | "gateway" | "webhook";

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As /openapi.json writes it: `{id}` for a path parameter. */
  path: string;
  access: Access;
  /** A JSON body of the operation's shape; absent when it takes none. */
  body?: Record<string, unknown>;
  /** The body is not JSON (e.g. text/csv). */
  contentType?: string;
  /** Bodies its validation must refuse with 400 and the failing field's path, by what is wrong. */
  invalid?: Record<string, unknown>;
}

export const OPERATIONS: Operation[] = [
  ...PUBLIC_OPERATIONS,
  ...ADMIN_OPERATIONS,
  // Development only (ENVIRONMENT=development, as in the tests).
  { method: "GET", path: "/dev/mail", access: "none" },
  { method: "POST", path: "/dev/clock", access: "none", body: { offsetSeconds: 0 } },
  { method: "POST", path: "/dev/cron", access: "none" },
];

/** The operation's URL with a placeholder for each path parameter. */
export function urlOf(op: Operation, id = "x_unknown"): string {
  // A CKAN organization's name is lower-case (CKAN's own rule): an unknown one.
  return op.path.replaceAll("{id}", id).replaceAll("{organization}", "x-unknown");
}

export const isUnsafe = (op: Operation) => op.method !== "GET";
export const takesJson = (op: Operation) => op.body !== undefined;
