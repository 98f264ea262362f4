import type { Bilingual } from "./text/bilingual";
import { PROBLEM_TITLES } from "./text/problems";

/** The statuses errors answer with (all of them have a body). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502;

/**
 * The one catalogue of error codes. Every error the API answers with is one of these,
 * rendered as RFC 9457 problem details (see problemResponse).
 */
export const ERRORS = {
  invalid_request: { status: 400, title: PROBLEM_TITLES.invalid_request },
  invalid_code: { status: 400, title: PROBLEM_TITLES.invalid_code },
  unauthenticated: { status: 401, title: PROBLEM_TITLES.unauthenticated },
  invalid_gateway_secret: { status: 401, title: PROBLEM_TITLES.invalid_gateway_secret },
  invalid_signature: { status: 401, title: PROBLEM_TITLES.invalid_signature },
  forbidden: { status: 403, title: PROBLEM_TITLES.forbidden },
  forbidden_scope: { status: 403, title: PROBLEM_TITLES.forbidden_scope },
  cross_site_request: { status: 403, title: PROBLEM_TITLES.cross_site_request },
  account_disabled: { status: 403, title: PROBLEM_TITLES.account_disabled },
  own_application: { status: 403, title: PROBLEM_TITLES.own_application },
  not_found: { status: 404, title: PROBLEM_TITLES.not_found },
  conflict: { status: 409, title: PROBLEM_TITLES.conflict },
  invalid_transition: { status: 409, title: PROBLEM_TITLES.invalid_transition },
  last_administrator: { status: 409, title: PROBLEM_TITLES.last_administrator },
  terms_not_accepted: { status: 409, title: PROBLEM_TITLES.terms_not_accepted },
  terms_version_mismatch: { status: 409, title: PROBLEM_TITLES.terms_version_mismatch },
  application_exists: { status: 409, title: PROBLEM_TITLES.application_exists },
  link_expired: { status: 410, title: PROBLEM_TITLES.link_expired },
  payload_too_large: { status: 413, title: PROBLEM_TITLES.payload_too_large },
  unsupported_media_type: { status: 415, title: PROBLEM_TITLES.unsupported_media_type },
  email_domain_not_allowed: { status: 422, title: PROBLEM_TITLES.email_domain_not_allowed },
  import_rejected: { status: 422, title: PROBLEM_TITLES.import_rejected },
  email_domain_mismatch: { status: 422, title: PROBLEM_TITLES.email_domain_mismatch },
  approver_is_applicant: { status: 422, title: PROBLEM_TITLES.approver_is_applicant },
  expiry_too_long: { status: 422, title: PROBLEM_TITLES.expiry_too_long },
  too_many_attempts: { status: 429, title: PROBLEM_TITLES.too_many_attempts },
  rate_limited: { status: 429, title: PROBLEM_TITLES.rate_limited },
  oidc_failed: { status: 400, title: PROBLEM_TITLES.oidc_failed },
  oidc_provider_unavailable: { status: 502, title: PROBLEM_TITLES.oidc_provider_unavailable },
  passkey_verification_failed: { status: 400, title: PROBLEM_TITLES.passkey_verification_failed },
  last_sign_in_method: { status: 409, title: PROBLEM_TITLES.last_sign_in_method },
  internal_error: { status: 500, title: PROBLEM_TITLES.internal_error },
} as const satisfies Record<keyof typeof PROBLEM_TITLES, { status: ErrorStatus; title: Bilingual }>;

export type ErrorCode = keyof typeof ERRORS;

/** Both languages on one line, Thai first: how problem titles and details read today. */
const bilingualLine = (text: Bilingual) => `${text.th} / ${text.en}`;

export interface FieldError {
  path: string;
  message: string;
}

/** The one error class services throw; the app's error handler renders it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** The detail for people, in both languages (pages show one; the API's `detail` has both). */
  readonly text: Bilingual;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** RFC 9457 extension members (e.g. `attemptsLeft`), added to the problem's JSON. */
  readonly extensions?: Record<string, string | number | boolean>;

  constructor(
    code: ErrorCode,
    /** What went wrong, for people; a plain string (e.g. a library's message) serves both languages. */
    detail?: Bilingual | string,
    options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, string | number | boolean>;
    } = {},
  ) {
    const text = typeof detail === "string" ? { th: detail, en: detail } : (detail ?? ERRORS[code].title);
    super(typeof detail === "string" ? detail : bilingualLine(text));
    this.name = "AppError";
    this.text = text;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }

  get status(): ErrorStatus {
    return ERRORS[this.code].status;
  }
}

export function problemBody(error: AppError) {
  return {
    type: `https://steward.data.go.th/problems/${error.code.replaceAll("_", "-")}`,
    title: bilingualLine(ERRORS[error.code].title),
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

export function problemResponse(error: AppError): Response {
  return new Response(JSON.stringify(problemBody(error)), {
    status: error.status,
    headers: { "Content-Type": "application/problem+json", ...error.headers },
  });
}
