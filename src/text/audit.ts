import { labelOf, type Bilingual } from "./bilingual";
import { AUDIT_ACTIONS } from "./catalogue";

// The audit trail in words: who did what, to what, and why — one sentence per event, Thai and
// English, for the administrators' audit page and the CSV export.

/** What an audit event carries that a sentence needs. */
export interface AuditFacts {
  actor: string;
  action: string;
  subject: string;
  /** The event's detail (a JSON object as stored); anything else is ignored. */
  detail: string;
}

/** Who acted, as people say it: the system, an administrator, an executive, or a person. */
export function actorLabel(actor: string): Bilingual {
  if (actor === "system") return { th: "ระบบ", en: "The system" };
  const [kind, ...rest] = actor.split(":");
  const who = rest.join(":");
  if (kind === "admin" && who) return { th: `ผู้ดูแลระบบ ${who}`, en: `Administrator ${who}` };
  if (kind === "executive" && who) return { th: `ผู้อนุมัติ ${who}`, en: `Approver ${who}` };
  return { th: actor, en: actor };
}

const SUBJECT_KINDS: Record<string, Bilingual> = {
  user: { th: "ผู้ใช้", en: "user" },
  application: { th: "คำขอ", en: "application" },
  membership: { th: "บทบาท", en: "role" },
  key: { th: "กุญแจ", en: "key" },
  agency: { th: "หน่วยงาน", en: "agency" },
  terms: { th: "ข้อตกลงฉบับ", en: "terms version" },
};

/** The kind and id of a subject (`membership:mem_…`), or null when it has no known kind. */
export function subjectOf(subject: string): { kind: string; id: string } | null {
  const at = subject.indexOf(":");
  if (at < 1) return null;
  const kind = subject.slice(0, at);
  return Object.hasOwn(SUBJECT_KINDS, kind) ? { kind, id: subject.slice(at + 1) } : null;
}

/** An event's stored detail as an object; anything that is not a JSON object reads as `{}`. */
export function detailOf(detail: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * One sentence for an event, e.g. "ผู้ดูแลระบบ admin@dga.or.th: เพิกถอนบทบาทผู้ดูแลข้อมูล
 * (บทบาท สมชาย ใจดี · กรมสถิติ) เหตุผล: …". `labels` names subjects (by their `kind:id`) in
 * words; a subject without one is named by its id. An action outside the catalogue is named by its code.
 */
export function describeAuditEvent(event: AuditFacts, labels?: ReadonlyMap<string, string>): Bilingual {
  const who = actorLabel(event.actor);
  const what = labelOf(AUDIT_ACTIONS, event.action);
  const subject = subjectOf(event.subject);
  const kind = subject ? SUBJECT_KINDS[subject.kind]! : null;
  const detail = detailOf(event.detail);
  const reason = typeof detail.reason === "string" && detail.reason.trim() ? detail.reason.trim() : null;
  const keys = typeof detail.keysInScope === "number" ? detail.keysInScope : null;
  const name = labels?.get(event.subject) ?? subject?.id;
  const th = [
    `${who.th}: ${what.th}`,
    subject && kind ? `(${kind.th} ${name})` : `(${event.subject})`,
    keys !== null ? `กุญแจ ${keys} ดอก` : null,
    reason ? `เหตุผล: ${reason}` : null,
  ];
  const en = [
    `${who.en}: ${what.en}`,
    subject && kind ? `(${kind.en} ${name})` : `(${event.subject})`,
    keys !== null ? `${keys} key(s)` : null,
    reason ? `reason: ${reason}` : null,
  ];
  return { th: th.filter(Boolean).join(" "), en: en.filter(Boolean).join(" ") };
}
