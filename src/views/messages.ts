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
