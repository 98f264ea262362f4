import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The one catalogue of error codes. Every error the API answers with is one of these,
 * rendered as RFC 9457 problem details (see problemResponse).
 */
export const ERRORS = {
  invalid_request: { status: 400, title: "Invalid request / คำขอไม่ถูกต้อง" },
  invalid_code: { status: 400, title: "Wrong or expired code / รหัสไม่ถูกต้องหรือหมดอายุ" },
  unauthenticated: { status: 401, title: "Sign-in required / กรุณาเข้าสู่ระบบ" },
  invalid_gateway_secret: { status: 401, title: "Unknown gateway / ไม่รู้จักเกตเวย์" },
  forbidden: { status: 403, title: "Not allowed / ไม่มีสิทธิ์" },
  forbidden_scope: { status: 403, title: "Scope not allowed / ไม่มีสิทธิ์ในขอบเขตนี้" },
  cross_site_request: { status: 403, title: "Cross-site request refused / ปฏิเสธคำขอข้ามไซต์" },
  account_disabled: { status: 403, title: "Account disabled / บัญชีถูกระงับ" },
  not_found: { status: 404, title: "Not found / ไม่พบข้อมูล" },
  conflict: { status: 409, title: "Conflict / ข้อมูลถูกเปลี่ยนแปลงพร้อมกัน" },
  invalid_transition: { status: 409, title: "Not possible in this status / ทำไม่ได้ในสถานะนี้" },
  terms_not_accepted: { status: 409, title: "Terms not accepted / ยังไม่ยอมรับข้อตกลง" },
  terms_version_mismatch: { status: 409, title: "Not the current terms / ไม่ใช่ข้อตกลงฉบับปัจจุบัน" },
  application_exists: { status: 409, title: "Application already open / มีคำขออยู่แล้ว" },
  link_expired: { status: 410, title: "Link expired / ลิงก์หมดอายุ" },
  payload_too_large: { status: 413, title: "Request too large / คำขอใหญ่เกินไป" },
  unsupported_media_type: { status: 415, title: "Unsupported media type / ชนิดข้อมูลไม่รองรับ" },
  email_domain_not_allowed: { status: 422, title: "Not a government e-mail / ไม่ใช่อีเมลหน่วยงานรัฐ" },
  email_domain_mismatch: { status: 422, title: "E-mail not of this agency / อีเมลไม่ใช่ของหน่วยงานนี้" },
  too_many_attempts: { status: 429, title: "Too many attempts / พยายามหลายครั้งเกินไป" },
  rate_limited: { status: 429, title: "Too many requests / คำขอมากเกินไป" },
  oidc_failed: { status: 400, title: "Sign-in with the provider failed / เข้าสู่ระบบผ่านผู้ให้บริการไม่สำเร็จ" },
  oidc_provider_unavailable: { status: 502, title: "The identity provider did not answer / ผู้ให้บริการยืนยันตัวตนไม่ตอบสนอง" },
  passkey_verification_failed: { status: 400, title: "Passkey not accepted / ไม่สามารถยืนยันพาสคีย์" },
  last_sign_in_method: { status: 409, title: "Keep one way to sign in / ต้องเหลือวิธีเข้าสู่ระบบอย่างน้อยหนึ่งวิธี" },
  internal_error: { status: 500, title: "Internal error / ระบบขัดข้อง" },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

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

  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? ERRORS[code].title);
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): ContentfulStatusCode {
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
  };
}

export function problemResponse(error: AppError): Response {
  return new Response(JSON.stringify(problemBody(error)), {
    status: error.status,
    headers: { "Content-Type": "application/problem+json", ...error.headers },
  });
}
