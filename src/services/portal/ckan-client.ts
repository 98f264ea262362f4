// CKAN's action API (https://docs.ckan.org/en/2.11/api/): POST /api/3/action/<action> with a JSON
// body and the sysadmin's API token in `Authorization`; every answer is
// `{ "success": true, "result" }` or `{ "success": false, "error": { "__type", "message" | fields } }`.
// Groundwork of issue 13: the answers classified, so provisioning can tell what to retry.

/** Why a CKAN action failed, as provisioning treats it. */
export type CkanFailureKind =
  /** The organization or the user does not exist in CKAN (map it, or create the user first). */
  | "not_found"
  /** CKAN refused the data (a name or e-mail it does not accept): an administrator fixes it. */
  | "validation"
  /** The token is not a sysadmin's, or expired: an administrator fixes the configuration. */
  | "authorization"
  /** CKAN failed (5xx, an "Internal Server Error" answer): try again later. */
  | "server"
  /** No answer, or none CKAN would give (a proxy's page, a timeout): try again later. */
  | "unreachable";

/** A failed action: its kind, whether a retry can help, and CKAN's own words. */
export class CkanError extends Error {
  constructor(
    readonly action: string,
    readonly kind: CkanFailureKind,
    /** The HTTP status (null: no answer). */
    readonly status: number | null,
    message: string,
    /** For `not_found` from a validation answer: which of the action's inputs CKAN did not find. */
    readonly missing: "organization" | "user" | null = null,
  ) {
    super(`${action}: ${kind}${status === null ? "" : ` (${status})`}: ${message}`);
    this.name = "CkanError";
  }

  /** Whether the same call may succeed later without anybody changing anything. */
  get retryable(): boolean {
    return this.kind === "server" || this.kind === "unreachable";
  }
}

interface CkanAnswer {
  success?: unknown;
  result?: unknown;
  error?: Record<string, unknown> & { __type?: unknown; message?: unknown };
}

/** The messages of a validation answer's fields, as one line ("id: That group name or ID does not exist."). */
function fieldMessages(error: Record<string, unknown>): string {
  return Object.entries(error)
    .filter(([key]) => key !== "__type")
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(" ") : String(value)}`)
    .join("; ");
}

/**
 * Classifies one answer of `action` (HTTP `status`, the parsed JSON `body`, or undefined when the
 * body was not JSON). Returns the result of a successful answer, or a CkanError to throw. CKAN
 * reports a missing organization or user in `organization_member_create` as a *validation*
 * error on `id` or `username` (recorded from CKAN 2.12): those are `not_found` here.
 */
export function classifyCkanAnswer(
  action: string,
  status: number,
  body: unknown,
): { ok: true; result: unknown } | { ok: false; error: CkanError } {
  const answer = (typeof body === "object" && body !== null ? body : null) as CkanAnswer | null;
  if (answer?.success === true && status < 400) return { ok: true, result: answer.result };
  const fail = (kind: CkanFailureKind, message: string, missing: "organization" | "user" | null = null) => ({
    ok: false as const,
    error: new CkanError(action, kind, status, message, missing),
  });
  const error = answer?.error;
  if (answer === null || answer.success !== false || typeof error !== "object" || error === null)
    return fail(status >= 500 ? "server" : "unreachable", `not an answer of CKAN's action API (HTTP ${status})`);
  const type = typeof error.__type === "string" ? error.__type : "";
  const message = typeof error.message === "string" ? error.message : fieldMessages(error);
  if (type === "Not Found Error") return fail("not_found", message);
  if (type === "Authorization Error") return fail("authorization", message);
  if (type === "Validation Error") {
    const says = (field: string, pattern: RegExp) =>
      Array.isArray(error[field]) && (error[field] as unknown[]).some((m) => pattern.test(String(m)));
    if (says("id", /does not exist|not found/i)) return fail("not_found", message, "organization");
    if (says("username", /not found/i)) return fail("not_found", message, "user");
    return fail("validation", message);
  }
  return fail(status >= 500 || /internal server error/i.test(type) ? "server" : "validation", message || type);
}

export interface CkanConnection {
  /** The portal's base URL (CKAN_URL), e.g. https://data.go.th. */
  url: string;
  /** A sysadmin's API token (CKAN_API_TOKEN, a Worker secret). */
  token: string;
  /** How long one call may take (ms). */
  timeoutMs: number;
}

/**
 * Calls `action` with `body` and returns its result. Throws CkanError: classified as above, or
 * `unreachable` when nothing answered within `timeoutMs`.
 */
export async function ckanAction(
  ckan: CkanConnection,
  action: string,
  body: Record<string, unknown>,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${ckan.url.replace(/\/+$/, "")}/api/3/action/${action}`, {
      method: "POST",
      headers: { Authorization: ckan.token, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ckan.timeoutMs),
    });
  } catch (cause) {
    throw new CkanError(action, "unreachable", null, cause instanceof Error ? cause.message : String(cause));
  }
  const parsed: unknown = await res.json().catch(() => undefined);
  const answer = classifyCkanAnswer(action, res.status, parsed);
  if (!answer.ok) throw answer.error;
  return answer.result;
}
