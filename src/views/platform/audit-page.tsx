import { AUDIT_ACTIONS } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import { subjectOf } from "../../text/audit";
import { Notice, type LayoutUser } from "./layout";
import { ConsolePage, Pager, queryOf } from "./console-layout";
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

/** The audit trail: filters, one Thai sentence per event (Bangkok time, Buddhist era), links, paging, CSV. */
export function AuditPage(props: {
  user: LayoutUser;
  events: AuditEventView[];
  filters: AuditFilterValues;
  agencies: { id: string; nameTh: string }[];
  cursor: string | null;
  nextCursor: string | null;
  error?: string | null;
}) {
  const f = props.filters;
  const params = { ...f };
  return (
    <ConsolePage
      user={props.user}
      current="audit"
      title={{ th: "บันทึกการตรวจสอบ", en: "Audit trail" }}
      error={props.error ?? null}
    >
      <form method="get" action="/admin/audit" class="filters">
        <fieldset>
          <legend>ตัวกรอง / Filters</legend>
          <label for="actor">ผู้ดำเนินการ (อีเมลหรือบางส่วน) / Actor (e-mail or part of it)</label>
          <input id="actor" name="actor" value={f.actor} maxlength={200} autocomplete="off" />
          <label for="action">เหตุการณ์ / Event</label>
          <select id="action" name="action">
            <option value="" selected={f.action === ""}>
              ทั้งหมด / All
            </option>
            {FAMILIES.map((family) => (
              <option value={family} selected={f.action === family}>
                {family}.* (ทั้งกลุ่ม / the whole group)
              </option>
            ))}
            {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
              <option value={value} selected={f.action === value}>
                {label.th}
              </option>
            ))}
          </select>
          <label for="agencyId">หน่วยงาน / Agency</label>
          <select id="agencyId" name="agencyId">
            <option value="" selected={f.agencyId === ""}>
              ทุกหน่วยงาน / All agencies
            </option>
            {props.agencies.map((a) => (
              <option value={a.id} selected={f.agencyId === a.id}>
                {a.nameTh}
              </option>
            ))}
          </select>
          <label for="subject">เรื่อง / Subject</label>
          <input id="subject" name="subject" value={f.subject} maxlength={100} autocomplete="off" />
          <label for="from">ตั้งแต่วันที่ (เวลากรุงเทพฯ) / From (Bangkok date)</label>
          <input id="from" name="from" type="date" value={f.from} />
          <label for="to">ถึงวันที่ / To</label>
          <input id="to" name="to" type="date" value={f.to} />
        </fieldset>
        <div class="actions">
          <button type="submit" class="secondary">
            กรอง / Filter
          </button>
          <a class="button secondary" href={`/admin/audit.csv${queryOf(params)}`}>
            ดาวน์โหลด CSV (ตามตัวกรอง) / Download CSV (these filters)
          </a>
        </div>
      </form>
      {props.events.length === 0 ? (
        <Notice kind="info">
          <p>ไม่มีเหตุการณ์ที่ตรงกับตัวกรอง / No events match.</p>
        </Notice>
      ) : (
        <ol class="event-list">
          {props.events.map((e) => {
            const href = subjectHref(e.subject, e.detail);
            return (
              <li>
                <When iso={e.at} only="th" /> —{" "}
                {href ? <a href={href}>{e.description.th}</a> : <span>{e.description.th}</span>}
              </li>
            );
          })}
        </ol>
      )}
      <Pager path="/admin/audit" params={params} cursor={props.cursor} nextCursor={props.nextCursor} />
    </ConsolePage>
  );
}
