import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { ActionLinks, ConsolePage } from "../platform/console-layout";
import { Bi, Heading, When } from "../platform/parts";
import { MembershipBadge } from "../applications/application-status";
import { KeyTable } from "../applications/steward-page";
import { T, t } from "../platform/page-context";
import { ADMINISTRATOR, PERSON_STATUS } from "./people-list-page";
import type { PersonView } from "./people-views";

export type PersonAction =
  "suspend" | "reactivate" | "unlock" | "remove-passkeys" | "grant-admin" | "revoke-admin" | "expire-keys";

/** The actions an administrator may take on this person now, as links to their confirmation pages. */
export function personActions(p: PersonView): { action: PersonAction; label: Bilingual; danger: boolean }[] {
  const live = p.keys.filter((k) => k.status === "active" || k.status === "rotating").length;
  const out: { action: PersonAction; label: Bilingual; danger: boolean }[] = [];
  if (p.user.status === "active")
    out.push({ action: "suspend", label: { th: "ระงับบัญชี", en: "Suspend" }, danger: true });
  if (p.user.status === "suspended")
    out.push({ action: "reactivate", label: { th: "เปิดใช้บัญชีอีกครั้ง", en: "Reactivate" }, danger: false });
  if (p.waitingUntil)
    out.push({ action: "unlock", label: { th: "ยกเลิกการรอจากรหัสผิด", en: "End the waits (unlock)" }, danger: false });
  if (p.passkeys > 0)
    out.push({ action: "remove-passkeys", label: { th: "ลบพาสคีย์ทั้งหมด", en: "Remove passkeys" }, danger: true });
  if (live > 0)
    out.push({ action: "expire-keys", label: { th: "บังคับเปลี่ยนกุญแจ", en: "Force key rotation" }, danger: false });
  if (p.user.isAdmin)
    out.push({
      action: "revoke-admin",
      label: { th: "ถอนสิทธิ์ผู้ดูแลระบบ", en: "Remove administrator role" },
      danger: true,
    });
  else if (p.user.status === "active")
    out.push({ action: "grant-admin", label: { th: "ให้สิทธิ์ผู้ดูแลระบบ", en: "Make administrator" }, danger: false });
  return out;
}

/** One person: addresses, sign-in methods, roles, keys, waits, and the administrator's actions. */
export function PersonPage(props: { user: LayoutUser; person: PersonView; notice?: Bilingual | null }) {
  const p = props.person;
  const who = p.user.name || p.user.email || p.user.id;
  const base = `/admin/people/${encodeURIComponent(p.user.id)}`;
  return (
    <ConsolePage
      user={props.user}
      current="people"
      title={{ th: `ผู้ใช้: ${who}`, en: `Person: ${who}` }}
      notice={props.notice}
    >
      <dl class="facts">
        <dt>
          <T th="สถานะ" en="Status" />
        </dt>
        <dd>
          <Bi text={PERSON_STATUS[p.user.status]} />
          {p.user.isAdmin ? ` · ${t(ADMINISTRATOR)}` : null}
        </dd>
        <dt>
          <T th="อีเมลที่ยืนยันแล้ว" en="Verified e-mails" />
        </dt>
        <dd>{p.emails.length ? p.emails.map((e) => e.email).join(", ") : "—"}</dd>
        <dt>
          <T th="บัญชีผู้ให้บริการ" en="Identity providers" />
        </dt>
        <dd>
          {p.oidc.length ? p.oidc.map((o) => `${o.providerId}${o.email ? ` (${o.email})` : ""}`).join(", ") : "—"}
        </dd>
        <dt>
          <T th="พาสคีย์" en="Passkeys" />
        </dt>
        <dd>{p.passkeys}</dd>
        <dt>
          <T th="สมัครเมื่อ" en="Joined" />
        </dt>
        <dd>
          <When iso={p.user.createdAt} />
        </dd>
        {p.waitingUntil ? (
          <>
            <dt>
              <T th="ต้องรอเพราะกรอกรหัสผิด" en="Waiting after wrong codes" />
            </dt>
            <dd>
              <T th="ถึง " en="Until " />
              <When iso={p.waitingUntil} />
            </dd>
          </>
        ) : null}
      </dl>
      <Heading level={2} th="การดำเนินการ" en="Actions" />
      <ActionLinks base={base} actions={personActions(p)} />
      <Heading level={2} th="บทบาทผู้ดูแลข้อมูล" en="Steward roles" />
      {p.roles.length === 0 ? (
        <p>
          <T th="ไม่มี" en="None." />
        </p>
      ) : (
        <ul class="list">
          {p.roles.map((r) => (
            <li>
              <a href={`/admin/stewards/${encodeURIComponent(r.membershipId)}`}>
                {t({ th: r.agency.nameTh, en: r.agency.nameEn })}
              </a>{" "}
              <MembershipBadge status={r.status} />
            </li>
          ))}
        </ul>
      )}
      <Heading level={2} th="กุญแจ API" en="API keys" />
      <KeyTable keys={p.keys} />
      <p>
        <a href={`/admin/audit?subject=${encodeURIComponent(`user:${p.user.id}`)}`}>
          <T th="บันทึกการตรวจสอบของผู้ใช้นี้" en="This person's audit trail" />
        </a>
      </p>
    </ConsolePage>
  );
}
