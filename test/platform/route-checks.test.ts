import { beforeAll, describe, expect, it } from "vitest";
import { Client, ORIGIN, workerFetch } from "../helpers/client";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { createAgency, official } from "../helpers/fixtures";
import { OPERATIONS, isUnsafe, takesJson, urlOf, type Operation } from "../helpers/route-catalogue";
import { snapshot } from "../helpers/db";

// The common cases of every operation of the route catalogue (Unkey's runCommonRouteTests): the
// checks run in the contract's order (401, then 403, then 415 / 400 / 413) and a refused
// request writes nothing, whatever else is wrong with it.

let official_: Client;
let admin: Client;
beforeAll(async () => {
  official_ = (await official(await createAgency())).client;
  admin = await signInAdmin();
});

const GATEWAY_SECRET = "dev-gateway-secret";

/** A request with exactly these headers (no helper-added Origin). */
function send(
  op: Operation,
  init: { cookie?: string; headers?: Record<string, string>; body?: BodyInit | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "cf-connecting-ip": "10.8.8.8", ...init.headers };
  if (init.cookie) headers.Cookie = `${SESSION_COOKIE}=${init.cookie}`;
  const body = op.method === "GET" ? undefined : init.body;
  return workerFetch(
    new Request(`${ORIGIN}${urlOf(op)}`, {
      method: op.method,
      headers,
      body,
      redirect: "manual",
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );
}

const sameSite = { Origin: ORIGIN };
const cookieOf = (client: Client) => client.cookies.get(SESSION_COOKIE);
/** The caller the operation admits: nobody in particular, a user, an administrator, the gateway. */
function allowed(op: Operation): { cookie?: string; headers: Record<string, string> } {
  if (op.access === "session") return { cookie: cookieOf(official_), headers: {} };
  if (op.access === "admin") return { cookie: cookieOf(admin), headers: {} };
  if (op.access === "gateway") return { headers: { Authorization: `Bearer ${GATEWAY_SECRET}` } };
  return { headers: {} };
}

/** Runs the request and asserts that it was refused with this status and wrote nothing. */
async function refusedWithoutWrites(request: () => Promise<Response>, status: number, code?: string) {
  const before = await snapshot();
  const res = await request();
  if (code) await expectProblem(res, status, code);
  else expect(res.status, await res.text()).toBe(status);
  expect(await snapshot()).toEqual(before);
}

const MALFORMED = '{"oops": ';
const OVERSIZED = JSON.stringify({ filler: "x".repeat(70 * 1024) });

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 4096));
      offset += 4096;
    },
  });
}

describe.each(OPERATIONS.map((op) => ({ ...op, name: `${op.method} ${op.path}` })))("$name", (op) => {
  it("answers with the security headers, whatever the outcome", async () => {
    const caller = allowed(op);
    const res = await send(op, {
      cookie: caller.cookie,
      headers: { ...caller.headers, ...sameSite, ...(op.body ? { "Content-Type": "application/json" } : {}) },
      body: op.body ? JSON.stringify(op.body) : null,
    });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  if (op.access === "session" || op.access === "admin") {
    it("anonymous: 401 before anything else (cross-site, malformed body)", async () => {
      await refusedWithoutWrites(
        () => send(op, { headers: { "Content-Type": "application/json" }, body: MALFORMED }),
        401,
        "unauthenticated",
      );
      await refusedWithoutWrites(
        () => send(op, { headers: { "Content-Type": "text/plain" }, body: OVERSIZED }),
        401,
        "unauthenticated",
      );
    });
  }

  if (op.access === "admin") {
    it("a signed-in non-administrator: 403 before the body is looked at", async () => {
      await refusedWithoutWrites(
        () =>
          send(op, {
            cookie: cookieOf(official_),
            headers: { ...sameSite, "Content-Type": "application/json" },
            body: MALFORMED,
          }),
        403,
        "forbidden",
      );
    });
  }

  if (op.access === "gateway") {
    it("without the gateway secret: 401 before the body is looked at", async () => {
      await refusedWithoutWrites(
        () => send(op, { headers: { "Content-Type": "application/json" }, body: MALFORMED }),
        401,
        "invalid_gateway_secret",
      );
      await refusedWithoutWrites(
        () =>
          send(op, { headers: { Authorization: "Bearer wrong", "Content-Type": "application/json" }, body: MALFORMED }),
        401,
        "invalid_gateway_secret",
      );
    });
  }

  if (op.access === "webhook") {
    it("without a valid signature: 401 invalid_signature, nothing written", async () => {
      await refusedWithoutWrites(
        () => send(op, { headers: { "Content-Type": "application/json" }, body: '{"type":"email.bounced"}' }),
        401,
        "invalid_signature",
      );
    });
  }

  if (isUnsafe(op) && op.access !== "gateway" && op.access !== "webhook") {
    it("a cross-site request of an allowed caller: 403 cross_site_request, before the body", async () => {
      const caller = allowed(op);
      await refusedWithoutWrites(
        () =>
          send(op, {
            cookie: caller.cookie,
            headers: { ...caller.headers, "Content-Type": "application/json" },
            body: MALFORMED,
          }),
        403,
        "cross_site_request",
      );
      await refusedWithoutWrites(
        () =>
          send(op, {
            cookie: caller.cookie,
            headers: { ...caller.headers, Origin: "null", "Content-Type": "application/json" },
            body: MALFORMED,
          }),
        403,
        "cross_site_request",
      );
    });
  }

  if (isUnsafe(op)) {
    it("a body over 64 KiB: 413, declared or chunked", async () => {
      const caller = allowed(op);
      const headers = { ...caller.headers, ...sameSite, "Content-Type": op.contentType ?? "application/json" };
      await refusedWithoutWrites(
        () => send(op, { cookie: caller.cookie, headers, body: OVERSIZED }),
        413,
        "payload_too_large",
      );
      await refusedWithoutWrites(
        () => send(op, { cookie: caller.cookie, headers, body: chunked(OVERSIZED) }),
        413,
        "payload_too_large",
      );
    });
  }

  if (isUnsafe(op) && !takesJson(op) && !op.contentType) {
    it("an operation without a body refuses a body of another type with 415, and changes nothing", async () => {
      const caller = allowed(op);
      for (const [contentType, body] of [
        ["text/xml", "<xml/>"],
        ["text/plain", "x"],
        ["application/x-www-form-urlencoded", "a=b"],
      ] as const) {
        await refusedWithoutWrites(
          () =>
            send(op, {
              cookie: caller.cookie,
              headers: { ...caller.headers, ...sameSite, "Content-Type": contentType },
              body,
            }),
          415,
          "unsupported_media_type",
        );
      }
    });
  }

  if (takesJson(op)) {
    it("a JSON operation refuses any other Content-Type with 415, and malformed JSON with 400", async () => {
      const caller = allowed(op);
      const json = JSON.stringify(op.body);
      for (const contentType of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/problem+json",
        "application/jsonx",
        null,
      ]) {
        const headers: Record<string, string> = {
          ...caller.headers,
          ...sameSite,
          ...(contentType ? { "Content-Type": contentType } : {}),
        };
        await refusedWithoutWrites(
          () => send(op, { cookie: caller.cookie, headers, body: json }),
          415,
          "unsupported_media_type",
        );
      }
      await refusedWithoutWrites(
        () =>
          send(op, {
            cookie: caller.cookie,
            headers: { ...caller.headers, ...sameSite, "Content-Type": "application/json; charset=utf-8" },
            body: MALFORMED,
          }),
        400,
        "invalid_request",
      );
      await refusedWithoutWrites(
        () =>
          send(op, {
            cookie: caller.cookie,
            headers: { ...caller.headers, ...sameSite, "Content-Type": "application/json" },
            body: "[]",
          }),
        400,
        "invalid_request",
      );
    });
  }
});

describe("the route catalogue", () => {
  it("lists every operation /openapi.json documents, and only those", async () => {
    const doc = (await (await new Client().fetch("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const listed = OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(listed).toEqual(documented);
  });

  it("declares in /openapi.json the access each operation enforces", async () => {
    const doc = (await (await new Client().fetch("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[]; description?: string }>>;
    };
    for (const op of OPERATIONS) {
      const documented = doc.paths[op.path]![op.method.toLowerCase()]!;
      const schemes = (documented.security ?? []).flatMap((s) => Object.keys(s));
      const expected =
        op.access === "none"
          ? []
          : op.access === "gateway"
            ? ["gateway"]
            : op.access === "webhook"
              ? ["webhookSignature"]
              : ["sessionCookie"];
      // A gateway's secret: as Bearer or in X-Steward-Gateway-Secret (test/platform/openapi.cases.ts has which where).
      const kinds = [...new Set(schemes.map((s) => (s.startsWith("gatewaySecret") ? "gateway" : s)))];
      expect(kinds, `${op.method} ${op.path}`).toEqual(expected);
      if (op.access === "admin")
        expect(documented.description, `${op.method} ${op.path}`).toContain("Administrators only");
    }
  });
});

describe("a JSON operation without a body", () => {
  it("takes a request with no body and no Content-Type (all its fields optional)", async () => {
    const res = await send(
      { method: "POST", path: "/api/v1/sessions/revoke-others", access: "session" },
      { cookie: cookieOf(official_), headers: sameSite },
    );
    expect(res.status).toBe(204);
  });
});
