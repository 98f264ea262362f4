/** A piece of user-facing text, Thai first, English second. */
export type Bilingual = { th: string; en: string };

export const APP_NAME = "steward · Data.go.th";

export const APPLICATION_STATUS: Record<string, Bilingual & { next: Bilingual }> = {
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
};

export const KEY_STATUS: Record<string, Bilingual> = {
  active: { th: "ใช้งานได้", en: "Active" },
  rotating: { th: "อยู่ในช่วงเปลี่ยนกุญแจ", en: "Rotating (grace period)" },
  revoked: { th: "ถูกเพิกถอน", en: "Revoked" },
  expired: { th: "หมดอายุ", en: "Expired" },
};

export const SCOPES: Record<string, Bilingual> = {
  read: { th: "อ่านข้อมูล", en: "Read" },
  publish: { th: "เผยแพร่ข้อมูล", en: "Publish" },
};

export const ROLES: Record<string, Bilingual> = {
  steward: { th: "ผู้ดูแลข้อมูล", en: "Data Steward" },
};

/** The label of a known value, or the raw value for both languages. */
export function labelOf(catalogue: Record<string, Bilingual>, value: string): Bilingual {
  return catalogue[value] ?? { th: value, en: value };
}

/** Messages the passkey and e-mail scripts show in their status line; keys are codes or events. */
export const CLIENT_MESSAGES: Record<string, Bilingual> = {
  registering: { th: "โปรดทำตามขั้นตอนบนอุปกรณ์ของท่านเพื่อสร้างพาสคีย์", en: "Follow your device's prompts to create the passkey." },
  registered: { th: "ลงทะเบียนพาสคีย์แล้ว", en: "Passkey registered." },
  signing_in: { th: "โปรดยืนยันตัวตนด้วยพาสคีย์บนอุปกรณ์ของท่าน", en: "Confirm with your passkey on your device." },
  signed_in: { th: "เข้าสู่ระบบแล้ว กำลังพาไปยังหน้าถัดไป", en: "Signed in. Taking you onwards." },
  cancelled: { th: "ยกเลิกแล้วหรือหมดเวลา ลองอีกครั้งได้", en: "Cancelled or timed out. You can try again." },
  already_registered: { th: "อุปกรณ์นี้มีพาสคีย์ของบัญชีนี้อยู่แล้ว", en: "This device already holds a passkey for this account." },
  security: { th: "เบราว์เซอร์ไม่อนุญาตให้ใช้พาสคีย์กับที่อยู่เว็บนี้", en: "The browser does not allow passkeys for this web address." },
  network: { th: "เชื่อมต่อระบบไม่ได้ โปรดตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง", en: "Could not reach the service. Check your connection and try again." },
  failed: { th: "ดำเนินการไม่สำเร็จ โปรดลองอีกครั้ง", en: "That did not work. Please try again." },
  passkey_verification_failed: { th: "ไม่สามารถยืนยันพาสคีย์ได้", en: "The passkey was not accepted." },
  account_disabled: { th: "บัญชีนี้ถูกระงับ โปรดติดต่อ สพร.", en: "This account is disabled. Please contact DGA." },
  rate_limited: { th: "มีคำขอมากเกินไป โปรดรอสักครู่แล้วลองอีกครั้ง", en: "Too many requests. Please wait a little and try again." },
  too_many_attempts: { th: "พยายามหลายครั้งเกินไป โปรดขอรหัสใหม่", en: "Too many attempts. Please ask for a new code." },
  unauthenticated: { th: "เซสชันหมดอายุ โปรดเข้าสู่ระบบอีกครั้ง", en: "Your session has ended. Please sign in again." },
  invalid_code: { th: "รหัสไม่ถูกต้องหรือหมดอายุ", en: "Wrong or expired code." },
  email_domain_not_allowed: { th: "ไม่ใช่อีเมลของหน่วยงานรัฐ", en: "Not a government e-mail address." },
  sending_code: { th: "กำลังส่งรหัส", en: "Sending the code…" },
  code_sent: { th: "ส่งรหัส 6 หลักไปที่อีเมลนั้นแล้ว กรอกรหัสด้านล่าง", en: "We sent a 6-digit code to that address. Enter it below." },
  email_added: { th: "เพิ่มอีเมลราชการแล้ว", en: "Official e-mail added." },
};
