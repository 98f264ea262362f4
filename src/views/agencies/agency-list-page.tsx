import { Layout, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
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

const yesNo = (b: boolean) => (b ? "ใช่ / Yes" : "ไม่ / No");

function AgencyItem(props: { a: AgencyItemView }) {
  const { a } = props;
  return (
    <li>
      <p>
        <strong>{a.nameTh}</strong> <span lang="en">({a.nameEn})</span>
      </p>
      <dl class="facts">
        <dt>กระทรวง / Ministry</dt>
        <dd>{a.ministryTh ? `${a.ministryTh} / ${a.ministryEn}` : "—"}</dd>
        <dt>โดเมน / Domains</dt>
        <dd>{a.domains.length ? <code>{a.domains.join(", ")}</code> : "—"}</dd>
        <dt>ผู้บริหาร / Executive</dt>
        <dd>
          {a.executive
            ? `${a.executive.name} · ${a.executive.position} · ${a.executive.email}`
            : "ยังไม่มี (ผู้ดูแลระบบยืนยันผู้อนุมัติ) / None (an administrator confirms the approver)"}
        </dd>
        <dt>นโยบาย / Policy</dt>
        <dd>
          {`สพร. ตรวจสอบ / DGA review: ${yesNo(a.reviewRequired)}\nยืนยันด้วยรหัส / Stronger approval: ${yesNo(a.strongerApproval)}\n`}
          {`ลิงก์อนุมัติ ${a.approvalTtlDays} วัน, เตือนวันที่ ${a.reminderDays.join(", ")} / Link valid ${a.approvalTtlDays} days, reminders on days ${a.reminderDays.join(", ")}`}
          {a.fallback
            ? `\nผู้อนุมัติสำรอง / Fallback: ${a.fallback.name} · ${a.fallback.email} (${a.fallbackAfterDays} วัน / days)`
            : ""}
        </dd>
      </dl>
      <a
        class="button secondary"
        href={`/admin/agencies/${encodeURIComponent(a.id)}`}
        aria-label={`แก้ไข / Edit: ${a.nameTh}`}
      >
        แก้ไข / Edit
      </a>
    </li>
  );
}

export function AgencyListPage(props: { user: LayoutUser; agencies: AgencyItemView[] }) {
  return (
    <Layout title="หน่วยงาน / Agencies" user={props.user}>
      <Heading th="ทะเบียนหน่วยงาน" en="Agency directory" />
      <AgencyNav />
      <p class="hint">
        ทั้งหมด {props.agencies.length} หน่วยงาน / Total: {props.agencies.length}
      </p>
      <ul class="list">
        {props.agencies.map((a) => (
          <AgencyItem a={a} />
        ))}
      </ul>
    </Layout>
  );
}
