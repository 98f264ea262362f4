import { AUDIT_ACTIONS } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import { subjectOf } from "../../text/audit";
import { Notice, type LayoutUser } from "./layout";
import { ConsolePage, Pager, queryOf } from "./console-layout";
import { FieldMessage, fieldAttrs, type FormProblem } from "./form-problem";
import { T, t } from "./page-context";
import { When } from "./parts";

/** An audit event as the page shows it. */
export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  description: Bilingual;
}

/** The filters as typed (dates as YYYY-MM-DD, Bangkok days). */
export interface AuditFilterValues {
  actor: string;
  action: string;
  subject: string;
  agencyId: string;
  from: string;
  to: string;
}

/** Where an event's subject lives in the app, if it has a page. */
export function subjectHref(subject: string, detail: Record<string, unknown>): string | null {
  const s = subjectOf(subject);
  if (!s) return null;
  const id = encodeURIComponent(s.id);
  switch (s.kind) {
    case "user":
      return `/admin/people/${id}`;
    case "membership":
      return `/admin/stewards/${id}`;
    case "application":
      return `/applications/${id}`;
    case "agency":
      return `/admin/agencies/${id}`;
    case "key":
      return typeof detail.userId === "string" ? `/admin/people/${encodeURIComponent(detail.userId)}` : null;
    case "terms":
      return "/terms";
    default:
      return null;
  }
}

/** The action families of the filter (the part before the dot), then each action. */
const FAMILIES = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0]!))];

/** An option of the agency filter: its name in the page's language when both are known. */
export type AuditAgencyOption = { id: string; nameTh: string; nameEn?: string | null };

/**
 * The audit trail: filters, one sentence per event in the page's language (Bangkok time), links,
 * paging, CSV. Filters that cannot be read come back with the error summary and their messages.
 */
export function AuditPage(props: {
  user: LayoutUser;
  events: AuditEventView[];
  filters: AuditFilterValues;
  agencies: AuditAgencyOption[];
  cursor: string | null;
  nextCursor: string | null;
  problem?: FormProblem | null;
}) {
  const f = props.filters;
  const p = props.problem ?? null;
  const params = { ...f };
  return (
    <ConsolePage user={props.user} current="audit" title={{ th: "บันทึกการตรวจสอบ", en: "Audit trail" }} problem={p}>
      <form method="get" action="/admin/audit" class="filters">
        <fieldset>
          <legend>
            <T th="ตัวกรอง" en="Filters" />
          </legend>
          <label for="actor">
            <T th="ผู้ดำเนินการ (อีเมลหรือบางส่วน)" en="Actor (e-mail or part of it)" />
          </label>
          <FieldMessage problem={p} field="actor" />
          <input
            id="actor"
            name="actor"
            value={f.actor}
            maxlength={200}
            autocomplete="off"
            {...fieldAttrs(p, "actor")}
          />
          <label for="action">
            <T th="เหตุการณ์" en="Event" />
          </label>
          <FieldMessage problem={p} field="action" />
          <select id="action" name="action" {...fieldAttrs(p, "action")}>
            <option value="" selected={f.action === ""}>
              {t({ th: "ทั้งหมด", en: "All" })}
            </option>
            {FAMILIES.map((family) => (
              <option value={family} selected={f.action === family}>
                {`${family}.* (${t({ th: "ทั้งกลุ่ม", en: "the whole group" })})`}
              </option>
            ))}
            {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
              <option value={value} selected={f.action === value}>
                {t(label)}
              </option>
            ))}
          </select>
          <label for="agencyId">
            <T th="หน่วยงาน" en="Agency" />
          </label>
          <FieldMessage problem={p} field="agencyId" />
          <select id="agencyId" name="agencyId" {...fieldAttrs(p, "agencyId")}>
            <option value="" selected={f.agencyId === ""}>
              {t({ th: "ทุกหน่วยงาน", en: "All agencies" })}
            </option>
            {props.agencies.map((a) => (
              <option value={a.id} selected={f.agencyId === a.id}>
                {t({ th: a.nameTh, en: a.nameEn || a.nameTh })}
              </option>
            ))}
          </select>
          <label for="subject">
            <T th="เรื่อง" en="Subject" />
          </label>
          <p class="hint" id="subject-hint">
            <T th="เช่น membership:mem_… หรือรหัสอย่างเดียว" en="For example membership:mem_… or an id alone" />
          </p>
          <FieldMessage problem={p} field="subject" />
          <input
            id="subject"
            name="subject"
            value={f.subject}
            maxlength={100}
            autocomplete="off"
            {...fieldAttrs(p, "subject", "subject-hint")}
          />
          <label for="from">
            <T th="ตั้งแต่วันที่ (เวลากรุงเทพฯ)" en="From (Bangkok date)" />
          </label>
          <FieldMessage problem={p} field="from" />
          <input id="from" name="from" type="date" value={f.from} {...fieldAttrs(p, "from")} />
          <label for="to">
            <T th="ถึงวันที่" en="To" />
          </label>
          <FieldMessage problem={p} field="to" />
          <input id="to" name="to" type="date" value={f.to} {...fieldAttrs(p, "to")} />
        </fieldset>
        <div class="actions">
          <button type="submit" class="secondary">
            <T th="กรอง" en="Filter" />
          </button>
          <a class="button secondary" href={`/admin/audit.csv${queryOf(params)}`}>
            <T th="ดาวน์โหลด CSV (ตามตัวกรอง)" en="Download CSV (these filters)" />
          </a>
        </div>
      </form>
      {p ? null : props.events.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ไม่มีเหตุการณ์ที่ตรงกับตัวกรอง" en="No events match." />
          </p>
        </Notice>
      ) : (
        <ol class="event-list">
          {props.events.map((e) => {
            const href = subjectHref(e.subject, e.detail);
            const text = t(e.description);
            return (
              <li>
                <When iso={e.at} /> — {href ? <a href={href}>{text}</a> : <span>{text}</span>}
              </li>
            );
          })}
        </ol>
      )}
      <Pager path="/admin/audit" params={params} cursor={props.cursor} nextCursor={props.nextCursor} />
    </ConsolePage>
  );
}
