import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";

// /openapi.json documents the whole JSON API of CONTRACT.md (the HTML pages are not part of it).

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[] };
interface Operation { requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, unknown> }
interface Doc { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } }

/** The contract's operations, with the JSON body fields of those that take a body. */
const FIRST_DELIVERY: [string, string, string[]?][] = [
  ["post", "/api/v1/auth/email/start", ["email", "name"]],
  ["post", "/api/v1/auth/email/verify", ["email", "code"]],
  ["post", "/api/v1/auth/logout"],
  ["get", "/api/v1/me"],
  ["get", "/api/v1/terms"],
  ["post", "/api/v1/terms/accept", ["version"]],
  ["get", "/api/v1/agencies"],
  ["post", "/api/v1/applications", ["agencyId", "role", "position", "phone", "reason"]],
  ["get", "/api/v1/applications/{id}"],
  ["post", "/api/v1/applications/{id}/withdraw"],
  ["post", "/api/v1/keys", ["name", "scopes", "expiresInDays"]],
  ["get", "/api/v1/keys"],
  ["post", "/api/v1/keys/{id}/rotate", ["graceSeconds"]],
  ["delete", "/api/v1/keys/{id}"],
  ["post", "/api/v1/keys/verify", ["key"]],
  ["get", "/api/v1/admin/applications"],
  ["post", "/api/v1/admin/applications/{id}/approve", ["reason"]],
  ["post", "/api/v1/admin/applications/{id}/reject", ["reason"]],
  ["post", "/api/v1/admin/applications/{id}/return", ["reason"]],
  ["post", "/api/v1/admin/applications/{id}/approver", ["name", "position", "email"]],
  ["post", "/api/v1/admin/memberships/{id}/revoke", ["reason"]],
  ["get", "/api/v1/admin/audit"],
  ["get", "/dev/mail"],
];

/** Delivered later (CONTRACT.md, "Order of delivery"): they must be documented once served. */
const LATER: [string, string, string[]?][] = [
  ["post", "/api/v1/applications/{id}/resubmit", ["position", "phone", "reason"]],
  ["post", "/api/v1/memberships/{id}/cancel", ["reason"]],
  ["post", "/api/v1/memberships/{id}/handover", ["successorEmail"]],
  ["post", "/api/v1/admin/terms", ["version", "titleTh", "titleEn", "bodyTh", "bodyEn", "effectiveAt"]],
  ["post", "/dev/clock", ["offsetSeconds"]],
  ["post", "/dev/cron"],
  ["get", "/api/v1/auth/providers"],
  ["post", "/api/v1/passkeys/registration/options"],
  ["post", "/api/v1/passkeys/registration/verify", ["response", "name"]],
  ["get", "/api/v1/passkeys"],
  ["delete", "/api/v1/passkeys/{id}"],
  ["post", "/api/v1/auth/passkey/options"],
  ["post", "/api/v1/auth/passkey/verify", ["response"]],
  ["get", "/api/v1/sessions"],
  ["delete", "/api/v1/sessions/{id}"],
  ["post", "/api/v1/sessions/revoke-others"],
];

let doc: Doc;
let served: [string, string, string[]?][];

/** Whether the worker serves an operation: an unrouted one is a plain 404 `not_found`. */
async function isServed(method: string, path: string): Promise<boolean> {
  const client = new Client();
  const url = path.replaceAll("{id}", "x");
  const res = method === "get" ? await client.fetch(url) : await client.json(method.toUpperCase(), url, {});
  if (res.status !== 404) return true;
  return ((await res.json()) as { code?: string }).code !== "not_found";
}

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return resolve(doc.components?.schemas?.[name]);
}

function bodySchema(method: string, path: string): Schema | undefined {
  return resolve(doc.paths[path]?.[method]?.requestBody?.content?.["application/json"]?.schema);
}

beforeAll(async () => {
  const res = await new Client().fetch("/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  doc = (await res.json()) as Doc;
  served = [...FIRST_DELIVERY];
  for (const op of LATER) if (await isServed(op[0], op[1])) served.push(op);
});

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.x document", () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
  });

  it("is public and needs no session", async () => {
    expect((await new Client().fetch("/openapi.json")).status).toBe(200);
  });

  it("documents every JSON operation of the contract that is served", () => {
    const missing = served.filter(([method, path]) => !doc.paths[path]?.[method]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
  });

  it("answers every documented operation with a documented success response", () => {
    for (const [method, path] of served) {
      const codes = Object.keys(doc.paths[path]?.[method]?.responses ?? {});
      expect(codes.some((c) => /^2\d\d$/.test(c)), `${method} ${path}`).toBe(true);
    }
  });

  it("leaves out the HTML pages", () => {
    for (const path of Object.keys(doc.paths)) expect(path, path).toMatch(/^\/(api\/v1|dev)\//);
  });

  it("has a JSON request body schema, with the contract's fields, for each POST that takes a body", () => {
    for (const [method, path, fields] of served) {
      if (!fields) continue;
      const schema = bodySchema(method, path);
      expect(schema?.type, `${method} ${path}`).toBe("object");
      expect(Object.keys(schema?.properties ?? {}), `${method} ${path}`).toEqual(expect.arrayContaining(fields));
    }
  });

  it("marks required fields and closed value sets", () => {
    expect(bodySchema("post", "/api/v1/auth/email/start")?.required).toEqual(["email"]);
    expect(bodySchema("post", "/api/v1/auth/email/verify")?.required).toEqual(expect.arrayContaining(["email", "code"]));
    const application = bodySchema("post", "/api/v1/applications")!;
    expect(application.required).toEqual(expect.arrayContaining(["agencyId", "role", "position", "phone", "reason"]));
    expect(resolve(application.properties!.role)?.enum).toEqual(["steward"]);
    const keys = bodySchema("post", "/api/v1/keys")!;
    expect(keys.required).toEqual(expect.arrayContaining(["name", "scopes"]));
    expect(keys.required).not.toContain("expiresInDays");
    expect(resolve(resolve(keys.properties!.scopes)?.items)?.enum).toEqual(["read", "publish"]);
    expect(bodySchema("post", "/api/v1/admin/applications/{id}/return")?.required).toEqual(["reason"]);
    expect(bodySchema("post", "/api/v1/keys/verify")?.required).toEqual(["key"]);
  });
});
