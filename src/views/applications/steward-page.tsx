import { KEY_STATUS, SCOPES, labelOf } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { ActionLinks, ConsolePage, type ConsoleAction } from "../platform/console-layout";
import { Badge, Heading, When } from "../platform/parts";
import { MembershipBadge } from "./application-status";
import type { KeyView, StewardView } from "./steward-views";

/** The actions an administrator may take on a role in its status, as links to their confirmation pages. */
export function stewardActions(s: StewardView): ConsoleAction[] {
  const actions: ConsoleAction[] = [];
  if (s.status === "active")
    actions.push({ action: "suspend", label: { th: "ระงับชั่วคราว", en: "Suspend" }, danger: false });
  if (s.status === "suspended")
    actions.push({ action: "reinstate", label: { th: "คืนสิทธิ์", en: "Reinstate" }, danger: false });
  if (s.status === "active" || s.status === "suspended")
    actions.push({ action: "revoke", label: { th: "เพิกถอน", en: "Revoke" }, danger: true });
  if (s.activeKeys > 0)
    actions.push({ action: "expire-keys", label: { th: "บังคับเปลี่ยนกุญแจ", en: "Force key rotation" }, danger: false });
  return actions;
}

/** Keys without secrets: name, prefix, scopes, status, dates. */
export function KeyTable(props: { keys: KeyView[] }) {
  if (props.keys.length === 0) return <p>ไม่มีกุญแจ / No keys.</p>;
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">กุญแจ API / API keys</caption>
        <thead>
          <tr>
            <th scope="col">ชื่อ / Name</th>
            <th scope="col">สิทธิ์ / Scopes</th>
            <th scope="col">สถานะ / Status</th>
            <th scope="col">หมดอายุ / Expires</th>
            <th scope="col">ใช้ล่าสุด / Last used</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((k) => (
            <tr>
              <td data-label="ชื่อ / Name">
                {k.name} <code>{k.prefix}…</code>
              </td>
              <td data-label="สิทธิ์ / Scopes">{k.scopes.map((s) => labelOf(SCOPES, s).th).join(", ")}</td>
              <td data-label="สถานะ / Status">
                <Badge text={labelOf(KEY_STATUS, k.status)} />
              </td>
              <td data-label="หมดอายุ / Expires">
                <When iso={k.graceUntil ?? k.expiresAt} only="th" />
              </td>
              <td data-label="ใช้ล่าสุด / Last used">
                <When iso={k.lastUsedAt} only="th" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One steward role: who, which agency, since when, its keys, and the administrator's actions. */
export function StewardPage(props: {
  user: LayoutUser;
  steward: StewardView;
  keys: KeyView[];
  pendingHandover: { successorEmail: string; createdAt: string } | null;
  notice?: Bilingual | null;
}) {
  const s = props.steward;
  const base = `/admin/stewards/${encodeURIComponent(s.membershipId)}`;
  return (
    <ConsolePage
      user={props.user}
      current="stewards"
      title={{ th: `ผู้ดูแลข้อมูล: ${s.user.name || s.user.email}`, en: `Steward: ${s.user.name || s.user.email}` }}
      notice={props.notice}
    >
      <dl class="facts">
        <dt>ชื่อ / Name</dt>
        <dd>
          <a href={`/admin/people/${encodeURIComponent(s.user.id)}`}>{s.user.name || "—"}</a>
        </dd>
        <dt>อีเมล / E-mail</dt>
        <dd>{s.user.email ?? "—"}</dd>
        <dt>หน่วยงาน / Agency</dt>
        <dd>
          <a href={`/admin/agencies/${encodeURIComponent(s.agency.id)}`}>{s.agency.nameTh}</a>{" "}
          <span lang="en">({s.agency.nameEn})</span>
        </dd>
        <dt>สถานะ / Status</dt>
        <dd>
          <MembershipBadge status={s.status} />
        </dd>
        <dt>เป็นผู้ดูแลข้อมูลตั้งแต่ / Steward since</dt>
        <dd>
          <When iso={s.since} />
        </dd>
        {s.statusChangedAt ? (
          <>
            <dt>เปลี่ยนสถานะล่าสุด / Status changed</dt>
            <dd>
              <When iso={s.statusChangedAt} />
              {s.statusReason ? ` · ${s.statusReason}` : null}
            </dd>
          </>
        ) : null}
        <dt>กุญแจที่ใช้งานได้ / Active keys</dt>
        <dd>{s.activeKeys}</dd>
        {props.pendingHandover ? (
          <>
            <dt>รอส่งมอบให้ / Handover pending to</dt>
            <dd>{props.pendingHandover.successorEmail}</dd>
          </>
        ) : null}
        {s.applicationId ? (
          <>
            <dt>คำขอ / Application</dt>
            <dd>
              <a href={`/applications/${encodeURIComponent(s.applicationId)}`}>ดูคำขอ / View the application</a>
            </dd>
          </>
        ) : null}
      </dl>
      <Heading level={2} th="การดำเนินการ" en="Actions" />
      {stewardActions(s).length === 0 ? (
        <p>บทบาทนี้สิ้นสุดแล้ว ไม่มีการดำเนินการ / This role has ended; nothing to do.</p>
      ) : (
        <ActionLinks base={base} actions={stewardActions(s)} />
      )}
      <Heading level={2} th="กุญแจ API ของบทบาทนี้" en="This role's API keys" />
      <KeyTable keys={props.keys} />
      <p>
        <a href={`/admin/audit?subject=${encodeURIComponent(`membership:${s.membershipId}`)}`}>
          บันทึกการตรวจสอบของบทบาทนี้ / This role's audit trail
        </a>
      </p>
    </ConsolePage>
  );
}
