
/** The statuses errors answer with (all of them have a body). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502;

/**
 * The one catalogue of error codes. Every error the API answers with is one of these,
 * rendered as RFC 9457 problem details (see problemResponse).
 */
export const ERRORS = {
  invalid_request: { status: 400, title: "คำขอไม่ถูกต้อง / Invalid request" },
  invalid_code: { status: 400, title: "รหัสไม่ถูกต้องหรือหมดอายุ / Wrong or expired code" },
  unauthenticated: { status: 401, title: "กรุณาเข้าสู่ระบบ / Sign-in required" },
  invalid_gateway_secret: { status: 401, title: "ไม่รู้จักเกตเวย์ / Unknown gateway" },
  forbidden: { status: 403, title: "ไม่มีสิทธิ์ / Not allowed" },
  forbidden_scope: { status: 403, title: "ไม่มีสิทธิ์ในขอบเขตนี้ / Scope not allowed" },
  cross_site_request: { status: 403, title: "ปฏิเสธคำขอข้ามไซต์ / Cross-site request refused" },
  account_disabled: { status: 403, title: "บัญชีถูกระงับ / Account disabled" },
  own_application: { status: 403, title: "ตัดสินคำขอของตนเองไม่ได้ / You cannot decide your own application" },
  not_found: { status: 404, title: "ไม่พบข้อมูล / Not found" },
  conflict: { status: 409, title: "ข้อมูลถูกเปลี่ยนแปลงพร้อมกัน / Conflict" },
  invalid_transition: { status: 409, title: "ทำไม่ได้ในสถานะนี้ / Not possible in this status" },
  terms_not_accepted: { status: 409, title: "ยังไม่ยอมรับข้อตกลง / Terms not accepted" },
  terms_version_mismatch: { status: 409, title: "ไม่ใช่ข้อตกลงฉบับปัจจุบัน / Not the current terms" },
  application_exists: { status: 409, title: "มีคำขออยู่แล้ว / Application already open" },
  link_expired: { status: 410, title: "ลิงก์หมดอายุ / Link expired" },
  payload_too_large: { status: 413, title: "คำขอใหญ่เกินไป / Request too large" },
  unsupported_media_type: { status: 415, title: "ชนิดข้อมูลไม่รองรับ / Unsupported media type" },
  email_domain_not_allowed: { status: 422, title: "ไม่ใช่อีเมลหน่วยงานรัฐ / Not a government e-mail" },
  import_rejected: { status: 422, title: "ไม่ได้นำเข้า: มีแถวที่ไม่ถูกต้อง / Nothing imported: some rows are invalid" },
  email_domain_mismatch: { status: 422, title: "อีเมลไม่ใช่ของหน่วยงานนี้ / E-mail not of this agency" },
  approver_is_applicant: { status: 422, title: "ผู้อนุมัติต้องไม่ใช่ผู้ยื่นคำขอ / The approver cannot be the applicant" },
  too_many_attempts: { status: 429, title: "พยายามหลายครั้งเกินไป / Too many attempts" },
  rate_limited: { status: 429, title: "คำขอมากเกินไป / Too many requests" },
  oidc_failed: { status: 400, title: "เข้าสู่ระบบผ่านผู้ให้บริการไม่สำเร็จ / Sign-in with the provider failed" },
  oidc_provider_unavailable: { status: 502, title: "ผู้ให้บริการยืนยันตัวตนไม่ตอบสนอง / The identity provider did not answer" },
  passkey_verification_failed: { status: 400, title: "ไม่สามารถยืนยันพาสคีย์ / Passkey not accepted" },
  last_sign_in_method: { status: 409, title: "ต้องเหลือวิธีเข้าสู่ระบบอย่างน้อยหนึ่งวิธี / Keep one way to sign in" },
  internal_error: { status: 500, title: "ระบบขัดข้อง / Internal error" },
} as const satisfies Record<string, { status: ErrorStatus; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

/** The one error class services throw; the app's error handler renders it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** RFC 9457 extension members (e.g. `attemptsLeft`), added to the problem's JSON. */
  readonly extensions?: Record<string, string | number | boolean>;

  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, string | number | boolean> } = {}) {
    super(detail ?? ERRORS[code].title);
    this.name = "AppError";
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
    title: ERRORS[error.code].title,
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
