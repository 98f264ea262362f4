import { KEY_STATUS, SCOPES, labelOf } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { ActionLinks, ConsolePage, type ConsoleAction } from "../platform/console-layout";
import { Badge, Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
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

const KEY_COLUMNS = [
  { th: "ชื่อ", en: "Name" },
  { th: "สิทธิ์", en: "Scopes" },
  { th: "สถานะ", en: "Status" },
  { th: "หมดอายุ", en: "Expires" },
  { th: "ใช้ล่าสุด", en: "Last used" },
] as const satisfies readonly Bilingual[];

/** Keys without secrets: name, prefix, scopes, status, dates. */
export function KeyTable(props: { keys: KeyView[] }) {
  if (props.keys.length === 0)
    return (
      <p>
        <T th="ไม่มีกุญแจ" en="No keys." />
      </p>
    );
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">
          <T th="กุญแจ API" en="API keys" />
        </caption>
        <thead>
          <tr>
            {KEY_COLUMNS.map((c) => (
              <th scope="col">{t(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.keys.map((k) => (
            <tr>
              <td data-label={t(KEY_COLUMNS[0])}>
                {k.name} <code>{k.prefix}…</code>
              </td>
              <td data-label={t(KEY_COLUMNS[1])}>{k.scopes.map((s) => t(labelOf(SCOPES, s))).join(", ")}</td>
              <td data-label={t(KEY_COLUMNS[2])}>
                <Badge text={labelOf(KEY_STATUS, k.status)} />
              </td>
              <td data-label={t(KEY_COLUMNS[3])}>
                <When iso={k.graceUntil ?? k.expiresAt} />
              </td>
              <td data-label={t(KEY_COLUMNS[4])}>
                <When iso={k.lastUsedAt} />
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
        <dt>
          <T th="ชื่อ" en="Name" />
        </dt>
        <dd>
          <a href={`/admin/people/${encodeURIComponent(s.user.id)}`}>{s.user.name || "—"}</a>
        </dd>
        <dt>
          <T th="อีเมล" en="E-mail" />
        </dt>
        <dd>{s.user.email ?? "—"}</dd>
        <dt>
          <T th="หน่วยงาน" en="Agency" />
        </dt>
        <dd>
          <a href={`/admin/agencies/${encodeURIComponent(s.agency.id)}`}>
            {t({ th: s.agency.nameTh, en: s.agency.nameEn })}
          </a>
        </dd>
        <dt>
          <T th="สถานะ" en="Status" />
        </dt>
        <dd>
          <MembershipBadge status={s.status} />
        </dd>
        <dt>
          <T th="เป็นผู้ดูแลข้อมูลตั้งแต่" en="Steward since" />
        </dt>
        <dd>
          <When iso={s.since} />
        </dd>
        {s.statusChangedAt ? (
          <>
            <dt>
              <T th="เปลี่ยนสถานะล่าสุด" en="Status changed" />
            </dt>
            <dd>
              <When iso={s.statusChangedAt} />
              {s.statusReason ? ` · ${s.statusReason}` : null}
            </dd>
          </>
        ) : null}
        <dt>
          <T th="กุญแจที่ใช้งานได้" en="Active keys" />
        </dt>
        <dd>{s.activeKeys}</dd>
        {props.pendingHandover ? (
          <>
            <dt>
              <T th="รอส่งมอบให้" en="Handover pending to" />
            </dt>
            <dd>{props.pendingHandover.successorEmail}</dd>
          </>
        ) : null}
        {s.applicationId ? (
          <>
            <dt>
              <T th="คำขอ" en="Application" />
            </dt>
            <dd>
              <a href={`/applications/${encodeURIComponent(s.applicationId)}`}>
                <T th="ดูคำขอ" en="View the application" />
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <Heading level={2} th="การดำเนินการ" en="Actions" />
      {stewardActions(s).length === 0 ? (
        <p>
          <T th="บทบาทนี้สิ้นสุดแล้ว ไม่มีการดำเนินการ" en="This role has ended; nothing to do." />
        </p>
      ) : (
        <ActionLinks base={base} actions={stewardActions(s)} />
      )}
      <Heading level={2} th="กุญแจ API ของบทบาทนี้" en="This role's API keys" />
      <KeyTable keys={props.keys} />
      <p>
        <a href={`/admin/audit?subject=${encodeURIComponent(`membership:${s.membershipId}`)}`}>
          <T th="บันทึกการตรวจสอบของบทบาทนี้" en="This role's audit trail" />
        </a>
      </p>
    </ConsolePage>
  );
}
