import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { OPERATIONS } from "../helpers/route-catalogue";

// /openapi.json documents the whole JSON API of CONTRACT.md (the HTML pages are not part of it).

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
};
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

// The operations come from the route catalogue (test/helpers/route-catalogue.ts), which
// test/platform/route-checks.test.ts holds equal to the document's paths.
const served: [string, string, string[]?][] = OPERATIONS.map((op) => [
  op.method.toLowerCase(),
  op.path,
  op.body ? Object.keys(op.body) : undefined,
]);
let doc: Doc;

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

  it("documents every operation of the catalogue", () => {
    const missing = served
      .filter(([method, path]) => !doc.paths[path]?.[method])
      .map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
  });

  it("answers every documented operation with a documented success response", () => {
    for (const [method, path] of served) {
      const codes = Object.keys(doc.paths[path]?.[method]?.responses ?? {});
      expect(
        codes.some((c) => /^2\d\d$/.test(c)),
        `${method} ${path}`,
      ).toBe(true);
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
    expect(bodySchema("post", "/api/v1/auth/email/verify")?.required).toEqual(
      expect.arrayContaining(["email", "code"]),
    );
    const application = bodySchema("post", "/api/v1/applications")!;
    expect(application.required).toEqual(expect.arrayContaining(["agencyId", "role", "position", "phone", "reason"]));
    expect(resolve(application.properties!.role)?.enum).toEqual(["steward"]);
    const keys = bodySchema("post", "/api/v1/keys")!;
    expect(keys.required).toEqual(expect.arrayContaining(["name", "scopes"]));
    expect(keys.required).not.toContain("expiresInDays");
    expect(resolve(resolve(keys.properties!.scopes)?.items)?.enum).toEqual(["read", "publish"]);
    expect(bodySchema("post", "/api/v1/admin/applications/{id}/return")?.required).toEqual(["reason"]);
    // The key may come in the api-key header instead (CONTRACT): optional in the body.
    expect(bodySchema("post", "/api/v1/keys/verify")?.required ?? []).not.toContain("key");
  });

  it("says how gateways authenticate: the secret's header for authorize, either way for verify; the client's api-key header", () => {
    const op = (method: string, path: string) =>
      doc.paths[path]![method] as Operation & {
        security?: Record<string, string[]>[];
        parameters?: { name: string; in: string }[];
      };
    const schemes = (
      doc.components as { securitySchemes: Record<string, { type: string; in?: string; name?: string }> }
    ).securitySchemes;
    expect(schemes.gatewaySecretHeader).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "X-Steward-Gateway-Secret",
    });
    const authorize = op("get", "/api/v1/keys/authorize");
    expect(authorize.security).toEqual([{ gatewaySecretHeader: [] }]);
    expect(authorize.parameters?.filter((p) => p.in === "header").map((p) => p.name)).toEqual(
      expect.arrayContaining(["api-key", "Authorization", "X-Steward-Required-Scope"]),
    );
    const verify = op("post", "/api/v1/keys/verify");
    expect(verify.security).toEqual([{ gatewaySecret: [] }, { gatewaySecretHeader: [] }]);
    expect(verify.parameters?.map((p) => p.name)).toContain("api-key");
    const usage = op("get", "/api/v1/keys/{id}/usage");
    expect(usage.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["id", "days"]));
  });
});
