import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "./layout";
import { ConsolePage } from "./console-layout";
import { T, t } from "./page-context";
import { None, When } from "./parts";

// The administrators' CKAN page: is provisioning on, calls that need an administrator (with a
// retry), and each mapped organization's drift (with "apply steward's view" and "check now").

export interface CallRow {
  id: string;
  action: "organization_member_create" | "organization_member_delete";
  organization: string;
  email: string;
  cause: string;
  status: string;
  attempts: number;
  lastErrorKind: string | null;
  lastError: string | null;
  nextAttemptAt: string;
}

export interface DriftRow {
  kind: "extra_in_ckan" | "missing_in_ckan";
  ckanUserName: string | null;
  personName: string | null;
  personEmail: string | null;
}

export interface OrganizationRow {
  organization: string;
  agencies: Bilingual[];
  checkedAt: string | null;
  editors: number;
  error: string | null;
  drift: DriftRow[];
}

export const PORTAL_DONE: Record<string, Bilingual> = {
  retried: { th: "สั่งเรียก CKAN อีกครั้งแล้ว", en: "The calls are being made again." },
  checked: { th: "ตรวจสอบกับ CKAN แล้ว", en: "Checked against CKAN." },
  applied: {
    th: "ปรับตามระบบแล้ว รายการเรียก CKAN กำลังดำเนินการ",
    en: "Steward's view applied: the CKAN calls are being made.",
  },
};

const ACTIONS: Record<CallRow["action"], Bilingual> = {
  organization_member_create: { th: "เพิ่มเป็นบรรณาธิการ", en: "Make editor" },
  organization_member_delete: { th: "นำออกจากองค์กร", en: "Remove from organization" },
};

const DRIFT: Record<DriftRow["kind"], Bilingual> = {
  missing_in_ckan: { th: "ผู้ดูแลข้อมูลที่ยังไม่เป็นบรรณาธิการใน CKAN", en: "Steward who is not an editor in CKAN" },
  extra_in_ckan: { th: "บรรณาธิการใน CKAN ที่ไม่มีบทบาทในระบบ", en: "Editor in CKAN without an active membership here" },
};

function CallTable(props: { calls: CallRow[] }) {
  const h = {
    who: { th: "ผู้ใช้ / องค์กร", en: "Person / organization" },
    what: { th: "การเรียก", en: "Call" },
    error: { th: "ครั้งที่ลอง / ข้อผิดพลาดล่าสุด", en: "Attempts / last error" },
    state: { th: "สถานะ", en: "Status" },
  };
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">
          <T th="การเรียก CKAN ที่ต้องดูแล" en="CKAN calls that need attention" />
        </caption>
        <thead>
          <tr>
            {Object.values(h).map((label) => (
              <th scope="col">{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.calls.map((call) => (
            <tr>
              <td data-label={t(h.who)}>
                {call.email} · <code>{call.organization}</code>
              </td>
              <td data-label={t(h.what)}>
                {t(ACTIONS[call.action])} <span class="small">({call.cause})</span>
              </td>
              <td data-label={t(h.error)}>
                {call.attempts} ·{" "}
                <span class="small">
                  {call.lastErrorKind ? <code>{call.lastErrorKind}</code> : null} {call.lastError ?? "—"}
                </span>
              </td>
              <td data-label={t(h.state)}>
                {call.status === "failed" ? (
                  <form
                    method="post"
                    action={`/admin/portal/calls/${encodeURIComponent(call.id)}/retry`}
                    data-submit-once
                  >
                    <button type="submit" class="secondary">
                      <T th="ลองอีกครั้ง" en="Retry" />
                      <span class="vh">
                        : {t(ACTIONS[call.action])} {call.email} {call.organization}
                      </span>
                    </button>
                  </form>
                ) : (
                  <>
                    <T th="จะลองอีกครั้ง" en="Will retry" /> <When iso={call.nextAttemptAt} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Organization(props: { org: OrganizationRow }) {
  const { org } = props;
  const base = `/admin/portal/organizations/${encodeURIComponent(org.organization)}`;
  return (
    <section aria-labelledby={`org-${org.organization}`}>
      <h3 id={`org-${org.organization}`}>
        <code>{org.organization}</code>
      </h3>
      <p>
        {org.agencies.map((a) => t(a)).join(", ")} · <T th="ตรวจล่าสุด" en="Last checked" /> <When iso={org.checkedAt} />{" "}
        · <T th="บรรณาธิการใน CKAN" en="Editors in CKAN" /> {org.editors}
      </p>
      {org.error ? (
        <p class="error" role="status">
          <T th="อ่านองค์กรนี้จาก CKAN ไม่ได้:" en="Could not read it from CKAN:" /> {org.error}
        </p>
      ) : null}
      {org.drift.length === 0 ? (
        <p>
          <T th="ตรงกับระบบ" en="In step with steward." />
        </p>
      ) : (
        <ul class="event-list">
          {org.drift.map((d) => (
            <li>
              {t(DRIFT[d.kind])}: {d.personName || d.personEmail || ""}{" "}
              {d.personEmail && d.personName ? <span class="small">{d.personEmail}</span> : null}{" "}
              {d.ckanUserName ? <code>{d.ckanUserName}</code> : null}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {org.drift.length > 0 ? (
          <form method="post" action={`${base}/apply`} data-submit-once>
            <button type="submit">
              <T th="ปรับ CKAN ให้ตรงกับระบบ" en="Apply steward's view" />
              <span class="vh">: {org.organization}</span>
            </button>
          </form>
        ) : null}
        <form method="post" action={`${base}/check`} data-submit-once>
          <button type="submit" class="secondary">
            <T th="ตรวจสอบตอนนี้" en="Check now" />
            <span class="vh">: {org.organization}</span>
          </button>
        </form>
      </div>
    </section>
  );
}

/** The CKAN page. */
export function PortalPage(props: {
  user: LayoutUser;
  ckanUrl: string | null;
  calls: CallRow[];
  organizations: OrganizationRow[];
  notice?: Bilingual | null;
  error?: Bilingual | string | null;
}) {
  const failed = props.calls.filter((c) => c.status === "failed").length;
  return (
    <ConsolePage
      user={props.user}
      current="portal"
      title={{ th: "พอร์ทัล CKAN", en: "CKAN portal" }}
      notice={props.notice}
      error={props.error}
    >
      {props.ckanUrl ? (
        <p>
          <T th="เชื่อมต่อกับ" en="Connected to" /> <code>{props.ckanUrl}</code>
        </p>
      ) : (
        <p role="status">
          <T
            th="ยังไม่ได้เชื่อมต่อ CKAN: ตั้งค่า CKAN_URL และ secret CKAN_API_TOKEN แล้วระบบจะเพิ่มหรือนำผู้ดูแลข้อมูลออกจากองค์กรให้"
            en="CKAN is not connected: set CKAN_URL and the CKAN_API_TOKEN secret, and stewards are added to and removed from organizations for you."
          />
        </p>
      )}

      <h2 id="calls">
        <T th="การเรียก CKAN ที่ต้องดูแล" en="CKAN calls that need attention" />
      </h2>
      {props.calls.length === 0 ? <None /> : <CallTable calls={props.calls} />}
      {failed > 1 ? (
        <form method="post" action="/admin/portal/calls/retry" data-submit-once>
          <button type="submit" class="secondary">
            <T th={`ลองทั้งหมดอีกครั้ง (${failed})`} en={`Retry every failed call (${failed})`} />
          </button>
        </form>
      ) : null}

      <h2 id="organizations">
        <T th="องค์กรและความต่าง" en="Organizations and drift" />
      </h2>
      {props.organizations.length === 0 ? (
        <p>
          <T
            th="ยังไม่มีหน่วยงานที่ผูกกับองค์กรใน CKAN (แก้ไขหน่วยงาน: ชื่อองค์กรใน CKAN)"
            en="No agency maps to a CKAN organization yet (edit an agency: CKAN organization name)."
          />
        </p>
      ) : (
        props.organizations.map((org) => <Organization org={org} />)
      )}
    </ConsolePage>
  );
}
