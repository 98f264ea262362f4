import type { Bilingual } from "../../text/bilingual";
import type { FormProblem } from "./form-problem";
import { t } from "./page-context";

/**
 * A refused administrator form: which one (its section id), what was typed, and what was wrong
 * (`problem`, in both languages: the page shows one). `message` is the same as one line, for
 * the forms that do not give a problem yet.
 */
export type AdminFailure = {
  section: string;
  message: string;
  values: Record<string, string>;
  problem?: FormProblem | null;
};

/** What a done administrator action says after its redirect (`/admin?done=...`). */
export const ADMIN_DONE: Record<string, Bilingual> = {
  reviewed: { th: "บันทึกผลการตรวจสอบแล้ว", en: "The review decision is saved." },
  approver: { th: "ยืนยันผู้อนุมัติแล้ว ส่งอีเมลขออนุมัติแล้ว", en: "Approver confirmed; the approval e-mail is on its way." },
  terms: {
    th: "เผยแพร่ข้อตกลงฉบับใหม่แล้ว และแจ้งผู้ดูแลข้อมูลทางอีเมลแล้ว",
    en: "The new terms are published and stewards are being e-mailed.",
  },
  revoked: {
    th: "เพิกถอนบทบาทแล้ว กุญแจเผยแพร่ข้อมูลหยุดทำงานทันที",
    en: "Membership revoked; its publish keys stopped at once.",
  },
  suspended: {
    th: "ระงับบัญชีแล้ว เซสชันสิ้นสุดและกุญแจถูกปิดการใช้งาน",
    en: "Account suspended; its sessions ended and its keys are disabled.",
  },
  reactivated: { th: "เปิดใช้บัญชีอีกครั้งแล้ว", en: "Account reactivated." },
  "role-suspended": {
    th: "ระงับบทบาทชั่วคราวแล้ว กุญแจเผยแพร่ข้อมูลถูกปิดการใช้งานจนกว่าจะคืนสิทธิ์",
    en: "Role suspended; its publish keys are disabled until it is reinstated.",
  },
  "role-reinstated": {
    th: "คืนสิทธิ์แล้ว กุญแจเผยแพร่ข้อมูลกลับมาใช้งานได้",
    en: "Role reinstated; its publish keys verify again.",
  },
  "keys-expired": {
    th: "กำหนดให้กุญแจหมดอายุแล้ว และแจ้งเจ้าของทางอีเมลให้สร้างกุญแจใหม่",
    en: "The keys are set to expire and their owners are e-mailed to create new ones.",
  },
  "keys-none": {
    th: "ไม่มีกุญแจที่ยังใช้งานได้และหมดอายุช้ากว่านั้น จึงไม่มีกุญแจใดเปลี่ยน",
    en: "No live key would end later than that: no key changed.",
  },
  "admin-granted": { th: "ให้สิทธิ์ผู้ดูแลระบบแล้ว", en: "Administrator role granted." },
  "admin-revoked": { th: "ถอนสิทธิ์ผู้ดูแลระบบแล้ว", en: "Administrator role removed." },
  unlocked: {
    th: "ยกเลิกการรอจากการกรอกรหัสผิดแล้ว",
    en: "The waits after wrong codes are over.",
  },
  passkeys: { th: "ลบพาสคีย์ของผู้ใช้แล้ว", en: "The user's passkeys are removed." },
};

/** The value typed into a refused form, when it is the one being rendered. */
export function typed(failure: AdminFailure | null, section: string, field: string, fallback = ""): string {
  return failure?.section === section ? (failure.values[field] ?? fallback) : fallback;
}

/**
 * The error of a refused form, shown at the form: its problems that belong to no field (or its
 * message when it gives no problem). The page's top notice or error summary announces it; this
 * one is visual only, so screen readers do not hear it twice.
 */
export function InlineError(props: { failure: AdminFailure | null; section: string }) {
  const failure = props.failure;
  if (failure?.section !== props.section) return null;
  const lines = failure.problem ? failure.problem.general.map((text) => t(text)) : [failure.message];
  if (lines.length === 0) return null;
  return (
    <div class="notice error">
      {lines.map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}
