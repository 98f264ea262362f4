import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import type { MiddlewareHandler } from "hono";
import { describeRoute, resolver, uniqueSymbol, validator } from "hono-openapi";
import * as v from "valibot";
import { AppError, ERRORS, type ErrorCode } from "../errors";
import { ACCESS, type Access, type Declared } from "../middleware/access";

function issuePath(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".") || "$";
}

/**
 * A validator whose failures are 400 `invalid_request` problems listing every issue. A JSON
 * body must be an object (valibot's `object` would take an array for one); a request without a
 * body is validated as `{}`. The body's media type was checked before (middleware/access.ts).
 */
export function validate<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  const validated = validator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError(
        "invalid_request",
        { th: `ข้อมูลคำขอไม่ถูกต้อง`, en: `The request ${target} is not valid.` },
        {
          errors: result.error.map((issue) => ({ path: issuePath(issue), message: issue.message })),
        },
      );
    }
  });
  if (target !== "json") return validated;
  const objectOnly: MiddlewareHandler = async (c, next) => {
    if ((await c.req.arrayBuffer()).byteLength === 0) {
      // No body (whatever its Content-Type says, e.g. a gateway that always sends JSON's): `{}`.
      const result = await schema["~standard"].validate({});
      if (result.issues)
        throw new AppError(
          "invalid_request",
          { th: "ข้อมูลคำขอไม่ถูกต้อง", en: "The request json is not valid." },
          { errors: result.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })) },
        );
      c.req.addValidatedData("json", result.value as object);
      return next();
    }
    {
      const body: unknown = await c.req.json().catch(() => {
        throw new AppError(
          "invalid_request",
          { th: "ข้อมูลไม่ใช่ JSON ที่ถูกต้อง", en: "The request body is not valid JSON." },
          {
            errors: [{ path: "$", message: "malformed JSON" }],
          },
        );
      });
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new AppError(
          "invalid_request",
          { th: "ข้อมูลต้องเป็นออบเจ็กต์ JSON", en: "The request body must be a JSON object." },
          {
            errors: [{ path: "$", message: "expected a JSON object" }],
          },
        );
      }
    }
    return validated(c, next);
  };
  // hono-openapi finds a route's request schema through this property.
  return Object.assign(objectOnly, {
    [uniqueSymbol]: (validated as unknown as Record<symbol, unknown>)[uniqueSymbol],
  }) as unknown as typeof validated;
}

export const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  code: v.picklist(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
  detail: v.string(),
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: resolver(ProblemSchema) } },
});

/** The problems of an operation that reads a JSON body (its media type, size and fields). */
export const BODY_ERRORS = ["unsupported_media_type", "payload_too_large", "invalid_request"] as const;

/** OpenAPI description of an operation: its success schema plus the problems it can answer. */
export function describe(spec: {
  tags: string[];
  summary: string;
  description?: string;
  status?: number;
  response?: StandardSchemaV1;
  responseDescription?: string;
  errors?: ErrorCode[];
  /** Who may call it (default: a signed-in user); enforced by the access middleware. */
  security?: Access;
  /** The body's media type when it is not JSON (e.g. `text/csv`). */
  mediaType?: string;
  /** A gateway operation reading the client's key from `Authorization`: secret in its own header. */
  gatewaySecretHeaderOnly?: boolean;
  /** Request headers the operation reads (OpenAPI parameters `in: header`), by name. */
  headers?: Record<string, { description: string; required?: boolean }>;
  /** More answers by status (e.g. with headers and no body), merged with the problems'. */
  extraResponses?: Record<string, { description: string; headers?: Record<string, unknown> }>;
}) {
  const access = spec.security ?? "session";
  // The access checks' own answers, documented on every operation they guard.
  const byAccess: ErrorCode[] =
    access === "gateway"
      ? ["invalid_gateway_secret"]
      : access === "webhook"
        ? ["invalid_signature"]
        : access === "admin"
          ? ["unauthenticated", "forbidden"]
          : access === "session"
            ? ["unauthenticated"]
            : [];
  const errors = [...new Set<ErrorCode>([...byAccess, ...(spec.errors ?? [])])];
  const responses: Record<string, unknown> = {};
  responses[String(spec.status ?? 200)] = spec.response
    ? {
        description: spec.responseDescription ?? "OK",
        content: { "application/json": { schema: resolver(spec.response) } },
      }
    : { description: spec.responseDescription ?? "No content" };
  for (const code of errors) {
    const status = String(ERRORS[code].status);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = problem(existing ? `${existing.description}; ${code}` : code);
  }
  // A gateway sends its secret as Bearer or in X-Steward-Gateway-Secret; where Authorization is
  // the client's, only in the header.
  const gateway: Record<string, string[]>[] = spec.gatewaySecretHeaderOnly
    ? [{ gatewaySecretHeader: [] }]
    : [{ gatewaySecret: [] }, { gatewaySecretHeader: [] }];
  const security: Record<string, string[]>[] =
    access === "gateway"
      ? gateway
      : access === "webhook"
        ? [{ webhookSignature: [] }]
        : access === "none"
          ? []
          : [{ sessionCookie: [] }];
  const parameters = Object.entries(spec.headers ?? {}).map(([name, h]) => ({
    name,
    in: "header" as const,
    required: h.required ?? false,
    description: h.description,
    schema: { type: "string" as const },
  }));
  const description =
    access === "admin" ? [spec.description, "Administrators only."].filter(Boolean).join(" ") : spec.description;
  for (const [status, extra] of Object.entries(spec.extraResponses ?? {})) {
    const existing = responses[status] as { description: string } | undefined;
    const { description: more } = extra as { description: string };
    responses[status] = {
      ...existing,
      ...extra,
      description: existing && existing.description !== more ? `${existing.description}; ${more}` : more,
    };
  }
  const declared: Declared = {
    access,
    page: false,
    mediaType: spec.mediaType,
    gatewaySecretHeaderOnly: spec.gatewaySecretHeaderOnly,
  };
  return Object.assign(
    describeRoute({
      tags: spec.tags,
      summary: spec.summary,
      description,
      responses: responses as never,
      security,
      ...(parameters.length > 0 ? { parameters } : {}),
    }),
    { [ACCESS]: declared },
  );
}
