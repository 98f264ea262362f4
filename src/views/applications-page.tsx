import { Layout, Notice, type LayoutUser } from "./layout";
import { NextStep, StatusBadge } from "./application-status";
import { ROLES, labelOf } from "./messages";
import { Bi, Heading, When } from "./parts";

export type ApplicationView = {
  id: string;
  agencyNameTh: string;
  agencyNameEn: string;
  role: string;
  status: string;
  position: string;
  phone: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
};

const hasKeys = (status: string) => status === "approved" || status === "active";

/** The signed-in user's own applications. */
export function ApplicationsPage(props: { user: LayoutUser; applications: ApplicationView[] }) {
  return (
    <Layout title="คำขอของฉัน / My applications" user={props.user}>
      <Heading th="คำขอของฉัน" en="My applications" />
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>ท่านยังไม่มีคำขอ / You have no applications yet.</p>
          <p>
            <a href="/apply">สมัครเป็นผู้ดูแลข้อมูล / Apply as a data steward</a>
          </p>
        </Notice>
      ) : (
        <ul class="list">
          {props.applications.map((a) => (
            <li>
              <p>
                <a href={`/applications/${encodeURIComponent(a.id)}`}>
                  <strong>{a.agencyNameTh}</strong> <span lang="en">({a.agencyNameEn})</span>
                </a>
              </p>
              <p>
                <StatusBadge status={a.status} />
              </p>
              <NextStep status={a.status} />
              <p class="small">
                ยื่นเมื่อ / Submitted: <When iso={a.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One application, with what happens next and, while it is open, the way to withdraw it. */
export function ApplicationPage(props: {
  user: LayoutUser;
  application: ApplicationView;
  canWithdraw: boolean;
  notice?: string | null;
}) {
  const a = props.application;
  return (
    <Layout title="คำขอ / Application" user={props.user}>
      <Heading th={`คำขอเป็น${labelOf(ROLES, a.role).th}`} en={`Application: ${labelOf(ROLES, a.role).en}`} />
      {props.notice ? (
        <Notice kind="success">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      <p>
        <StatusBadge status={a.status} />
      </p>
      <NextStep status={a.status} />
      {hasKeys(a.status) ? (
        <p>
          <a class="button" href="/keys">
            จัดการกุญแจ API / Manage API keys
          </a>
        </p>
      ) : null}
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
        <dt>ปรับปรุงล่าสุด / Last updated</dt>
        <dd>
          <When iso={a.updatedAt} />
        </dd>
        {a.decidedAt ? (
          <>
            <dt>ตัดสินใจเมื่อ / Decided</dt>
            <dd>
              <When iso={a.decidedAt} />
              {a.decidedBy ? ` · ${a.decidedBy}` : null}
            </dd>
          </>
        ) : null}
        {a.decisionReason ? (
          <>
            <dt>เหตุผลของการตัดสินใจ / Reason given</dt>
            <dd>{a.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {props.canWithdraw ? (
        <form method="post" action={`/applications/${encodeURIComponent(a.id)}/withdraw`}>
          <p class="hint">
            การถอนคำขอจะยกเลิกลิงก์อนุมัติที่ส่งไปแล้ว / Withdrawing cancels the approval link already sent.
          </p>
          <button type="submit" class="danger">
            ถอนคำขอ / Withdraw application
          </button>
        </form>
      ) : null}
      <p>
        <a href="/applications">← คำขอทั้งหมด / All applications</a>
      </p>
    </Layout>
  );
}
