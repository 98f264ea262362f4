import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, official } from "../helpers/fixtures";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { OPERATIONS, urlOf, type Operation } from "../helpers/route-catalogue";
import { snapshot } from "../helpers/db";

// Bad input must be refused by validation (400 invalid_request with errors), never reach a
// service, never write, never answer 5xx. The callers are signed in and allowed, so validation
// is the only thing that can fail. The bodies come from the route catalogue.

let official_: Client;
let admin: Client;
beforeAll(async () => {
  official_ = (await official(await createAgency())).client;
  admin = await signInAdmin();
});

const GATEWAY = { Authorization: "Bearer dev-gateway-secret" };

function send(op: Operation, body: string, url = urlOf(op)): Promise<Response> {
  const client = op.access === "admin" ? admin : op.access === "session" ? official_ : new Client();
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ...(op.access === "gateway" ? GATEWAY : {}),
  };
  return client.fetch(url, { method: op.method, headers, body });
}

async function refused(res: Response, path?: string) {
  expect(res.status, await res.clone().text()).toBe(400);
  const problem = await expectProblem(res, 400, "invalid_request");
  expect(problem.errors?.length).toBeGreaterThan(0);
  for (const error of problem.errors!) expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
  if (path) expect(problem.errors!.map((e) => e.path).some((p) => p.startsWith(path))).toBe(true);
}

const GENERIC: Record<string, string> = {
  malformed: '{"oops": ',
  "an array": "[]",
  null: "null",
  "a string": '"text"',
};
const cases = OPERATIONS.filter((op) => op.body !== undefined).flatMap((op) => [
  ...Object.entries(GENERIC).map(([label, body]) => ({ name: `${op.method} ${op.path}: ${label}`, op, body })),
  ...Object.entries(op.invalid ?? {}).map(([label, body]) => ({
    name: `${op.method} ${op.path}: ${label}`,
    op,
    body: JSON.stringify(body),
  })),
]);

describe("bad input is a problem+json 400 that writes nothing", () => {
  it.each(cases)("$name", async ({ op, body }) => {
    const before = await snapshot();
    await refused(await send(op, body));
    expect(await snapshot()).toEqual(before);
  });

  it("names the failing field in errors[].path", async () => {
    await refused(await official_.json("POST", "/api/v1/keys", { name: "k", scopes: ["admin"] }), "scopes");
  });

  it("a query and a path parameter are validated too", async () => {
    await refused(await admin.fetch("/api/v1/admin/applications?status=bogus"));
    await refused(await official_.json("POST", `/api/v1/keys/${"k".repeat(65)}/rotate`, { graceSeconds: 0 }));
  });

  it("the same callers with good input are not refused (the cases above fail on validation only)", async () => {
    for (const op of OPERATIONS.filter((o) => o.invalid)) {
      const res = await send(op, JSON.stringify(op.body));
      expect(res.status, `${op.method} ${op.path}`).toBeLessThan(500);
      if (res.status === 400)
        expect(((await res.json()) as { code: string }).code, `${op.method} ${op.path}`).not.toBe("invalid_request");
    }
    expect(official_.cookies.has(SESSION_COOKIE)).toBe(true);
  });
});
