import type { ApplicationView } from "./applications-page";
import { StatusBadge } from "./application-status";
import { Layout, Notice, type LayoutUser } from "./layout";
import { APPLICATION_STATUS, ROLES, labelOf } from "./messages";
import { Bi, Heading, When } from "./parts";

export type AdminApplicationView = ApplicationView & { applicantName: string; applicantEmail: string };

const REVIEW_ACTIONS = [
  { action: "approve", label: "อนุมัติ / Approve", class: "approve", required: false },
  { action: "reject", label: "ไม่อนุมัติ / Reject", class: "reject", required: false },
  { action: "return", label: "ส่งกลับให้แก้ไข / Return for changes", class: "secondary", required: true },
] as const;

function ReviewForms(props: { id: string; applicantName: string }) {
  const base = `/admin/applications/${encodeURIComponent(props.id)}`;
  return (
    <div class="review">
      {REVIEW_ACTIONS.map((r) => {
        const fieldId = `${r.action}-reason-${props.id}`;
        return (
          <form method="post" action={`${base}/${r.action}`}>
            <label for={fieldId}>
              {r.required ? "เหตุผล (จำเป็น) / Reason (required)" : "เหตุผล (ไม่บังคับ) / Reason (optional)"}
            </label>
            <textarea id={fieldId} name="reason" rows={2} required={r.required} maxlength={2000}></textarea>
            <div class="actions">
              <button type="submit" class={r.class} aria-label={`${r.label}: ${props.applicantName}`}>
                {r.label}
              </button>
            </div>
          </form>
        );
      })}
    </div>
  );
}

function ApplicationItem(props: { a: AdminApplicationView }) {
  const { a } = props;
  return (
    <li>
      <p>
        <strong>{a.applicantName}</strong> · {a.applicantEmail}
      </p>
      <p>
        <StatusBadge status={a.status} />
      </p>
      <dl class="facts">
        <dt>หน่วยงาน / Agency</dt>
        <dd>
          {a.agencyNameTh} <span lang="en">({a.agencyNameEn})</span>
        </dd>
        <dt>บทบาท / Role</dt>
        <dd>
          <Bi text={labelOf(ROLES, a.role)} />
        </dd>
        <dt>ตำแหน่ง / Position</dt>
        <dd>{a.position}</dd>
        <dt>โทรศัพท์ / Phone</dt>
        <dd>{a.phone}</dd>
        <dt>เหตุผล / Reason</dt>
        <dd>{a.reason}</dd>
        <dt>ยื่นเมื่อ / Submitted</dt>
        <dd>
          <When iso={a.createdAt} />
        </dd>
        {a.decidedAt ? (
          <>
            <dt>ตัดสินใจ / Decided</dt>
            <dd>
              <When iso={a.decidedAt} />
              {a.decidedBy ? ` · ${a.decidedBy}` : null}
              {a.decisionReason ? ` · ${a.decisionReason}` : null}
            </dd>
          </>
        ) : null}
        <dt>รหัสคำขอ / ID</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
      </dl>
      {a.status === "awaiting_review" ? <ReviewForms id={a.id} applicantName={a.applicantName} /> : null}
    </li>
  );
}

/** Applications for system administrators, with the DGA review decisions. */
export function AdminPage(props: { user: LayoutUser; applications: AdminApplicationView[]; filter: string | null }) {
  const filter = props.filter ?? "";
  return (
    <Layout title="ผู้ดูแลระบบ / Administration" user={props.user}>
      <Heading th="คำขอทั้งหมด" en="All applications" />
      <p>
        <a href="/api/v1/admin/audit?format=csv">ดาวน์โหลดบันทึกการตรวจสอบ (CSV) / Download the audit log (CSV)</a>
      </p>
      <form method="get" action="/admin">
        <label for="status">สถานะ / Status</label>
        <select id="status" name="status">
          <option value="" selected={filter === ""}>
            ทั้งหมด / All
          </option>
          {Object.entries(APPLICATION_STATUS).map(([value, label]) => (
            <option value={value} selected={filter === value}>
              {label.th} / {label.en}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" class="secondary">
            แสดง / Show
          </button>
        </div>
      </form>
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>ไม่มีคำขอในสถานะนี้ / No applications match.</p>
        </Notice>
      ) : (
        <>
          <p class="hint">
            ทั้งหมด {props.applications.length} รายการ / Total: {props.applications.length}
          </p>
          <ul class="list">
            {props.applications.map((a) => (
              <ApplicationItem a={a} />
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
