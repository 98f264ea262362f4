import type { AuditAction, KeyStatus, MembershipStatus, PublicApplicationStatus, Role, Scope } from "../lib/vocabulary";
import type { Bilingual } from "./bilingual";

// The closed catalogues of user-facing labels: one entry for every value of each vocabulary
// (src/lib/vocabulary.ts), checked by `satisfies`, so that no status or action goes unlabelled.

export type { Bilingual } from "./bilingual";
export { labelOf } from "./bilingual";

/** The service's name as people read it (a Thai name first, as an official service has). */
export const SERVICE_NAME = {
  th: "ระบบขึ้นทะเบียนผู้ดูแลข้อมูล Data.go.th",
  en: "Data.go.th Data Steward Registration",
} as const satisfies Bilingual;

/** Who runs the service and where people get help: on every page's footer and every dead end. */
export const SUPPORT = {
  agency: {
    th: "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)",
    en: "Digital Government Development Agency (DGA)",
  },
  phone: "0 2612 6060",
  phoneHref: "tel:+6626126060",
  email: "contact@dga.or.th",
} as const;

export const APPLICATION_STATUS = {
  awaiting_executive: {
    th: "รอผู้บริหารอนุมัติ",
    en: "Awaiting executive approval",
    next: {
      th: "ผู้บริหารสูงสุดของหน่วยงานได้รับอีเมลเพื่อพิจารณาแล้ว หากไม่มีการตัดสินใจภายในกำหนด (ปกติ 14 วัน) คำขอจะหมดอายุ",
      en: "Your agency's chief executive has been e-mailed to decide. Without a decision by the deadline (usually 14 days) the request expires.",
    },
  },
  awaiting_review: {
    th: "รอ สพร. ตรวจสอบ",
    en: "Awaiting DGA review",
    next: {
      th: "เจ้าหน้าที่ สพร. จะตรวจสอบคำขอและแจ้งผลให้ท่านทราบทางอีเมล",
      en: "A DGA administrator will review the request and e-mail you the result.",
    },
  },
  returned: {
    th: "ส่งกลับให้แก้ไข",
    en: "Returned for changes",
    next: {
      th: "โปรดอ่านเหตุผลด้านล่าง แก้ไขข้อมูล แล้วส่งคำขออีกครั้ง",
      en: "Please read the reason below, correct the request and submit it again.",
    },
  },
  approved: {
    th: "อนุมัติแล้ว",
    en: "Approved",
    next: {
      th: "สร้างกุญแจ API สำหรับเผยแพร่ข้อมูลเพื่อเริ่มทำหน้าที่ผู้ดูแลข้อมูล",
      en: "Create a publish API key to start working as a data steward.",
    },
  },
  active: {
    th: "ใช้งานอยู่",
    en: "Active",
    next: { th: "ท่านเป็นผู้ดูแลข้อมูลของหน่วยงานนี้แล้ว", en: "You are a data steward of this agency." },
  },
  rejected: {
    th: "ไม่อนุมัติ",
    en: "Rejected",
    next: { th: "คำขอนี้สิ้นสุดแล้ว ท่านสามารถยื่นคำขอใหม่ได้", en: "This request is closed. You may submit a new one." },
  },
  expired: {
    th: "หมดอายุ",
    en: "Expired",
    next: {
      th: "ไม่มีการตัดสินใจภายในกำหนด ท่านสามารถส่งคำขออีกครั้งได้",
      en: "No decision was made in time. You can submit the request again.",
    },
  },
  withdrawn: {
    th: "ถอนคำขอแล้ว",
    en: "Withdrawn",
    next: { th: "ท่านได้ถอนคำขอนี้แล้ว", en: "You withdrew this request." },
  },
} as const satisfies Record<PublicApplicationStatus, Bilingual & { next: Bilingual }>;

export const MEMBERSHIP_STATUS = {
  active: { th: "ใช้งานอยู่", en: "Active" },
  suspended: { th: "ระงับชั่วคราว", en: "Suspended" },
  revoked: { th: "เพิกถอนแล้ว", en: "Revoked" },
  superseded: { th: "ส่งมอบให้ผู้รับช่วงแล้ว", en: "Handed over" },
} as const satisfies Record<MembershipStatus, Bilingual>;

/** What a steward role's status means to its holder, after the application that granted it. */
export const MEMBERSHIP_NEXT = {
  active: { th: "ท่านเป็นผู้ดูแลข้อมูลของหน่วยงานนี้", en: "You are a data steward of this agency." },
  suspended: {
    th: "บทบาทผู้ดูแลข้อมูลของท่านถูกระงับชั่วคราว กุญแจเผยแพร่ข้อมูลใช้ไม่ได้จนกว่าจะได้คืนสิทธิ์",
    en: "Your steward role is suspended: your publish keys do not work until it is reinstated.",
  },
  revoked: {
    th: "บทบาทผู้ดูแลข้อมูลของท่านสิ้นสุดแล้ว กุญแจเผยแพร่ข้อมูลหยุดทำงาน",
    en: "Your steward role has ended: your publish keys stopped working.",
  },
  superseded: {
    th: "บทบาทผู้ดูแลข้อมูลส่งมอบให้ผู้รับช่วงแล้ว",
    en: "Your steward role passed to your successor.",
  },
} as const satisfies Record<MembershipStatus, Bilingual>;

export const KEY_STATUS = {
  active: { th: "ใช้งานได้", en: "Active" },
  rotating: { th: "อยู่ในช่วงเปลี่ยนกุญแจ", en: "Rotating (grace period)" },
  revoked: { th: "ถูกเพิกถอน", en: "Revoked" },
  expired: { th: "หมดอายุ", en: "Expired" },
} as const satisfies Record<KeyStatus, Bilingual>;

export const SCOPES = {
  read: { th: "อ่านข้อมูล", en: "Read" },
  publish: { th: "เผยแพร่ข้อมูล", en: "Publish" },
} as const satisfies Record<Scope, Bilingual>;

export const ROLES = {
  steward: { th: "ผู้ดูแลข้อมูล", en: "Data Steward" },
} as const satisfies Record<Role, Bilingual>;

/** What each audit action means, as a short sentence for the audit trail. */
export const AUDIT_ACTIONS = {
  "application.submitted": { th: "ยื่นคำขอเป็นผู้ดูแลข้อมูล", en: "Applied to be a data steward" },
  "application.approver_confirmed": {
    th: "ยืนยันผู้อนุมัติและส่งคำขออนุมัติ",
    en: "Confirmed the approver and sent the approval request",
  },
  "application.approvers_gone": {
    th: "ไม่มีผู้อนุมัติเหลืออยู่ คำขอรอ สพร. ยืนยันผู้อนุมัติ",
    en: "No approver left: the application waits for DGA to confirm one",
  },
  "application.approvers_changed": {
    th: "ผู้อนุมัติของหน่วยงานเปลี่ยน ส่งลิงก์ใหม่ให้ผู้อนุมัติปัจจุบัน",
    en: "The agency's approvers changed: current approvers got new links",
  },
  "application.executive_approved": { th: "ผู้บริหารอนุมัติคำขอ", en: "The executive approved the application" },
  "application.executive_endorsed": {
    th: "ผู้บริหารเห็นชอบ ส่งต่อให้ สพร. ตรวจสอบ",
    en: "The executive endorsed it for DGA review",
  },
  "application.executive_rejected": { th: "ผู้บริหารไม่อนุมัติคำขอ", en: "The executive rejected the application" },
  "application.admin_approved": { th: "สพร. อนุมัติคำขอ", en: "DGA approved the application" },
  "application.admin_rejected": { th: "สพร. ไม่อนุมัติคำขอ", en: "DGA rejected the application" },
  "application.admin_returned": { th: "สพร. ส่งคำขอกลับให้แก้ไข", en: "DGA returned the application for changes" },
  "application.resubmitted": { th: "ส่งคำขออีกครั้ง", en: "Resubmitted the application" },
  "application.resubmitted_for_approver": {
    th: "ส่งคำขออีกครั้ง รอ สพร. ยืนยันผู้อนุมัติ",
    en: "Resubmitted; DGA confirms the approver",
  },
  "application.withdrawn": { th: "ถอนคำขอ", en: "Withdrew the application" },
  "application.expired": { th: "คำขอหมดอายุ ไม่มีการตัดสินใจภายในกำหนด", en: "The application expired without a decision" },
  "application.first_key_issued": {
    th: "ออกกุญแจเผยแพร่ครั้งแรก บทบาทเริ่มใช้งาน",
    en: "Issued the first publish key: the role is in use",
  },
  "application.reminder_sent": { th: "ส่งอีเมลเตือนผู้อนุมัติ", en: "Reminded the approvers" },
  "application.fallback_sent": { th: "ส่งคำขอถึงผู้อนุมัติสำรอง", en: "Asked the fallback approver" },
  "membership.granted": { th: "ได้รับบทบาทผู้ดูแลข้อมูล", en: "Became a data steward" },
  "membership.suspended": { th: "ระงับบทบาทผู้ดูแลข้อมูลชั่วคราว", en: "Suspended the steward role" },
  "membership.resumed": { th: "คืนบทบาทผู้ดูแลข้อมูล", en: "Reinstated the steward role" },
  "membership.revoked": { th: "เพิกถอนบทบาทผู้ดูแลข้อมูล", en: "Revoked the steward role" },
  "membership.cancelled": { th: "สละบทบาทผู้ดูแลข้อมูล", en: "Gave up the steward role" },
  "membership.superseded": { th: "บทบาทส่งมอบให้ผู้รับช่วงแล้ว", en: "The role passed to a successor" },
  "handover.requested": { th: "ขอส่งมอบบทบาทให้ผู้รับช่วง", en: "Asked to hand the role over" },
  "handover.completed": { th: "ส่งมอบบทบาทเสร็จสิ้น", en: "Completed the handover" },
  "user.signed_up": { th: "สมัครใช้งาน", en: "Signed up" },
  "user.signed_in": { th: "เข้าสู่ระบบ", en: "Signed in" },
  "user.signed_out": { th: "ออกจากระบบ", en: "Signed out" },
  "user.renamed": { th: "เปลี่ยนชื่อ", en: "Changed their name" },
  "user.suspended": { th: "ระงับบัญชี", en: "Suspended the account" },
  "user.reactivated": { th: "เปิดใช้บัญชีอีกครั้ง", en: "Reactivated the account" },
  "user.unlocked": { th: "ยกเลิกการรอจากการกรอกรหัสผิด", en: "Ended the waits after wrong codes" },
  "admin.granted": { th: "ให้สิทธิ์ผู้ดูแลระบบ", en: "Granted the administrator role" },
  "admin.revoked": { th: "ถอนสิทธิ์ผู้ดูแลระบบ", en: "Removed the administrator role" },
  "admin.bootstrapped": { th: "ได้รับสิทธิ์ผู้ดูแลระบบจากการตั้งค่า", en: "Became an administrator by configuration" },
  "email.verified": { th: "ยืนยันอีเมลหน่วยงาน", en: "Verified an official e-mail" },
  "identity.linked": { th: "เชื่อมบัญชีผู้ให้บริการยืนยันตัวตน", en: "Linked an identity provider" },
  "identity.unlinked": { th: "ยกเลิกการเชื่อมบัญชีผู้ให้บริการ", en: "Unlinked an identity provider" },
  "passkey.registered": { th: "ลงทะเบียนพาสคีย์", en: "Registered a passkey" },
  "passkey.removed": { th: "ลบพาสคีย์", en: "Removed a passkey" },
  "passkeys.removed_by_admin": { th: "ผู้ดูแลระบบลบพาสคีย์ทั้งหมด", en: "An administrator removed every passkey" },
  "session.ended": { th: "ออกจากระบบอุปกรณ์หนึ่ง", en: "Ended a session" },
  "session.others_ended": { th: "ออกจากระบบอุปกรณ์อื่นทั้งหมด", en: "Ended every other session" },
  "terms.published": { th: "ประกาศข้อตกลงการใช้งานฉบับใหม่", en: "Published a new version of the terms" },
  "terms.accepted": { th: "ยอมรับข้อตกลงการใช้งาน", en: "Accepted the terms" },
  "key.created": { th: "สร้างกุญแจ API", en: "Created an API key" },
  "key.rotated": { th: "เปลี่ยนกุญแจ API", en: "Rotated an API key" },
  "key.deleted": { th: "เพิกถอนกุญแจ API", en: "Revoked an API key" },
  "keys.expired_by_admin": {
    th: "ผู้ดูแลระบบกำหนดให้กุญแจ API หมดอายุ (บังคับเปลี่ยนกุญแจ)",
    en: "An administrator set API keys to expire (forced rotation)",
  },
  "agency.created": { th: "เพิ่มหน่วยงาน", en: "Added an agency" },
  "agency.updated": { th: "แก้ไขข้อมูลหน่วยงาน", en: "Changed an agency" },
  "application.approver_bounced": {
    th: "อีเมลของผู้อนุมัติไม่รับจดหมาย",
    en: "The approver's address did not accept mail",
  },
  "mail.suppressed": { th: "ระงับการส่งอีเมลถึงที่อยู่นี้", en: "Suppressed mail to an address" },
  "mail.suppression_lifted": { th: "ยกเลิกการระงับอีเมล", en: "Lifted a mail suppression" },
  "mail.retried": { th: "ส่งอีเมลที่ล้มเหลวอีกครั้ง", en: "Retried a failed message" },
  "agency.imported": { th: "นำเข้าหน่วยงานจาก CSV", en: "Imported agencies from CSV" },
  "ckan.editor_added": { th: "เพิ่มเป็นบรรณาธิการขององค์กรใน CKAN", en: "Made an editor of the CKAN organization" },
  "ckan.editor_removed": { th: "นำออกจากองค์กรใน CKAN", en: "Removed from the CKAN organization" },
  "ckan.call_retried": { th: "สั่งเรียก CKAN ที่ล้มเหลวอีกครั้ง", en: "Retried a failed CKAN call" },
  "ckan.steward_view_applied": {
    th: "ปรับสมาชิกองค์กรใน CKAN ให้ตรงกับระบบ",
    en: "Applied steward's view to a CKAN organization",
  },
  "webhook_endpoint.created": { th: "ลงทะเบียนปลายทางเว็บฮุก", en: "Registered a webhook endpoint" },
  "webhook_endpoint.updated": { th: "แก้ไขปลายทางเว็บฮุก", en: "Changed a webhook endpoint" },
  "webhook_endpoint.secret_rotated": {
    th: "เปลี่ยนรหัสลับสำหรับลงนามของปลายทางเว็บฮุก",
    en: "Rotated a webhook endpoint's signing secret",
  },
  "webhook_endpoint.deleted": { th: "ลบปลายทางเว็บฮุก", en: "Deleted a webhook endpoint" },
  "webhook_delivery.retried": { th: "ส่งเหตุการณ์เว็บฮุกที่ล้มเหลวอีกครั้ง", en: "Retried a failed webhook delivery" },
} as const satisfies Record<AuditAction, Bilingual>;

/** Messages the passkey and e-mail scripts show in their status line; keys are codes or events. */
export const CLIENT_MESSAGES = {
  /** A malformed field (400 invalid_request with field errors), by the field's name. */
  invalid_email: { th: "กรอกอีเมลให้ถูกต้อง เช่น name@agency.go.th", en: "Enter an address like name@agency.go.th" },
  invalid_code_format: { th: "กรอกรหัส 6 หลักจากอีเมล", en: "Enter the 6-digit code from the e-mail" },
  registering: {
    th: "โปรดทำตามขั้นตอนบนอุปกรณ์ของท่านเพื่อสร้างพาสคีย์",
    en: "Follow your device's prompts to create the passkey.",
  },
  registered: { th: "ลงทะเบียนพาสคีย์แล้ว", en: "Passkey registered." },
  signing_in: { th: "โปรดยืนยันตัวตนด้วยพาสคีย์บนอุปกรณ์ของท่าน", en: "Confirm with your passkey on your device." },
  signed_in: { th: "เข้าสู่ระบบแล้ว กำลังพาไปยังหน้าถัดไป", en: "Signed in. Taking you onwards." },
  cancelled: { th: "ยกเลิกแล้วหรือหมดเวลา ลองอีกครั้งได้", en: "Cancelled or timed out. You can try again." },
  already_registered: { th: "อุปกรณ์นี้มีพาสคีย์ของบัญชีนี้อยู่แล้ว", en: "This device already holds a passkey for this account." },
  security: {
    th: "เบราว์เซอร์ไม่อนุญาตให้ใช้พาสคีย์กับที่อยู่เว็บนี้",
    en: "The browser does not allow passkeys for this web address.",
  },
  network: {
    th: "เชื่อมต่อระบบไม่ได้ โปรดตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง",
    en: "Could not reach the service. Check your connection and try again.",
  },
  failed: { th: "ดำเนินการไม่สำเร็จ โปรดลองอีกครั้ง", en: "That did not work. Please try again." },
  passkey_verification_failed: { th: "ไม่สามารถยืนยันพาสคีย์ได้", en: "The passkey was not accepted." },
  account_disabled: { th: "บัญชีนี้ถูกระงับ โปรดติดต่อ สพร.", en: "This account is disabled. Please contact DGA." },
  rate_limited: {
    th: "มีคำขอมากเกินไป โปรดรอสักครู่แล้วลองอีกครั้ง",
    en: "Too many requests. Please wait a little and try again.",
  },
  too_many_attempts: { th: "พยายามหลายครั้งเกินไป โปรดขอรหัสใหม่", en: "Too many attempts. Please ask for a new code." },
  unauthenticated: { th: "เซสชันหมดอายุ โปรดเข้าสู่ระบบอีกครั้ง", en: "Your session has ended. Please sign in again." },
  invalid_code: { th: "รหัสไม่ถูกต้องหรือหมดอายุ", en: "Wrong or expired code." },
  email_domain_not_allowed: { th: "ไม่ใช่อีเมลของหน่วยงานรัฐ", en: "Not a government e-mail address." },
  sending_code: { th: "กำลังส่งรหัส", en: "Sending the code…" },
  code_sent: {
    th: "ส่งรหัส 6 หลักไปที่อีเมลนั้นแล้ว กรอกรหัสด้านล่าง",
    en: "We sent a 6-digit code to that address. Enter it below.",
  },
  email_added: { th: "เพิ่มอีเมลราชการแล้ว", en: "Official e-mail added." },
} as const satisfies Record<string, Bilingual>;
