import { Notice, type LayoutUser } from "../platform/layout";
import { ConsolePage, Pager, SearchForm } from "../platform/console-layout";
import { T, t, useLang } from "../platform/page-context";
import { AgencyNav } from "./agency-nav";

// The agency directory for DGA administrators: every agency with its approvers and policy.

/** An agency as the list shows it (the admin API's agency, src/routes/admin/schemas.ts). */
export interface AgencyItemView {
  id: string;
  nameTh: string;
  nameEn: string;
  ministryTh: string | null;
  ministryEn: string | null;
  domains: string[];
  executive: { name: string; position: string; email: string } | null;
  fallback: { name: string; email: string } | null;
  fallbackAfterDays: number;
  reminderDays: number[];
  approvalTtlDays: number;
  reviewRequired: boolean;
  strongerApproval: boolean;
}

const YES = { th: "ใช่", en: "Yes" };
const NO = { th: "ไม่", en: "No" };

/** The agency's policies, one per line. */
function policyLines(a: AgencyItemView): string {
  const yesNo = (b: boolean) => t(b ? YES : NO);
  const days = a.reminderDays.join(", ");
  const lines =
    useLang() === "en"
      ? [
          `DGA review: ${yesNo(a.reviewRequired)}`,
          `Stronger approval: ${yesNo(a.strongerApproval)}`,
          `Link valid ${a.approvalTtlDays} days, reminders on days ${days}`,
          a.fallback ? `Fallback: ${a.fallback.name} · ${a.fallback.email} (after ${a.fallbackAfterDays} days)` : null,
        ]
      : [
          `สพร. ตรวจสอบ: ${yesNo(a.reviewRequired)}`,
          `ยืนยันด้วยรหัส: ${yesNo(a.strongerApproval)}`,
          `ลิงก์อนุมัติ ${a.approvalTtlDays} วัน, เตือนวันที่ ${days}`,
          a.fallback ? `ผู้อนุมัติสำรอง: ${a.fallback.name} · ${a.fallback.email} (${a.fallbackAfterDays} วัน)` : null,
        ];
  return lines.filter(Boolean).join("\n");
}

function AgencyItem(props: { a: AgencyItemView }) {
  const { a } = props;
  const name = t({ th: a.nameTh, en: a.nameEn });
  return (
    <li>
      <p>
        <strong>{name}</strong>
      </p>
      <dl class="facts">
        {/* The agency's name in the other language: a fact of the record, not a translation of the page. */}
        <dt>
          <T th="ชื่อภาษาอังกฤษ" en="Thai name" />
        </dt>
        <dd>{t({ th: a.nameEn, en: a.nameTh })}</dd>
        <dt>
          <T th="กระทรวง" en="Ministry" />
        </dt>
        <dd>{a.ministryTh ? t({ th: a.ministryTh, en: a.ministryEn ?? a.ministryTh }) : "—"}</dd>
        <dt>
          <T th="โดเมน" en="Domains" />
        </dt>
        <dd>{a.domains.length ? <code>{a.domains.join(", ")}</code> : "—"}</dd>
        <dt>
          <T th="ผู้บริหาร" en="Executive" />
        </dt>
        <dd>
          {a.executive ? (
            `${a.executive.name} · ${a.executive.position} · ${a.executive.email}`
          ) : (
            <T th="ยังไม่มี (ผู้ดูแลระบบยืนยันผู้อนุมัติ)" en="None (an administrator confirms the approver)" />
          )}
        </dd>
        <dt>
          <T th="นโยบาย" en="Policy" />
        </dt>
        <dd>{policyLines(a)}</dd>
      </dl>
      <p>
        <a class="button secondary" href={`/admin/agencies/${encodeURIComponent(a.id)}`}>
          <T th="เปิด" en="Open" />
          <span class="vh">: {name}</span>
        </a>{" "}
        <a href={`/admin/stewards?agencyId=${encodeURIComponent(a.id)}&status=all`}>
          <T th="ผู้ดูแลข้อมูล" en="Stewards" />
          <span class="vh">: {name}</span>
        </a>
      </p>
    </li>
  );
}

/** The agency directory: search by name or domain, 50 a page by Thai name. */
export function AgencyListPage(props: {
  user: LayoutUser;
  agencies: AgencyItemView[];
  q: string;
  page: number;
  hasNext: boolean;
}) {
  return (
    <ConsolePage user={props.user} current="agencies" title={{ th: "ทะเบียนหน่วยงาน", en: "Agency directory" }}>
      <AgencyNav />
      <SearchForm
        action="/admin/agencies"
        q={props.q}
        label={{ th: "ค้นหาชื่อหน่วยงาน (ไทยหรืออังกฤษ) หรือโดเมน", en: "Search an agency name (Thai or English) or domain" }}
      />
      {props.agencies.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ไม่พบหน่วยงาน" en="No agency matches." />
          </p>
        </Notice>
      ) : (
        <ul class="list">
          {props.agencies.map((a) => (
            <AgencyItem a={a} />
          ))}
        </ul>
      )}
      <Pager
        path="/admin/agencies"
        params={{ q: props.q }}
        param="page"
        cursor={props.page > 1 ? String(props.page) : null}
        nextCursor={props.hasNext ? String(props.page + 1) : null}
      />
    </ConsolePage>
  );
}
