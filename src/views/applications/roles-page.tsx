import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { MEMBERSHIP_STATUS, ROLES, labelOf, type Bilingual } from "../../text/catalogue";
import { Badge, Bi, Heading, When } from "../platform/parts";

export type RoleView = {
  id: string;
  agencyNameTh: string;
  agencyNameEn: string;
  role: string;
  status: string;
  since: string;
  updatedAt: string;
  pendingHandover: { successorEmail: string; createdAt: string } | null;
};

/** A refused form: which membership and form it was, the message, and what was typed. */
export type RoleFormError = { membershipId: string; form: "handover" | "cancel"; message: string; value: string };

export const ROLE_DONE: Record<string, Bilingual> = {
  handover: {
    th: "ส่งคำเชิญให้ผู้รับช่วงแล้ว บทบาทของท่านยังใช้งานได้จนกว่าคำขอของผู้รับช่วงจะได้รับอนุมัติ",
    en: "The successor has been invited. Your role stays active until their application is approved.",
  },
  cancelled: {
    th: "สละบทบาทแล้ว กุญแจเผยแพร่ข้อมูลของท่านหยุดทำงานแล้ว",
    en: "You gave up the role. Your publish keys have stopped working.",
  },
};

function FormError(props: { error: RoleFormError | null; form: RoleFormError["form"] }) {
  if (props.error?.form !== props.form) return null;
  // The page's top notice announces the error; this repeats it where the form is.
  return (
    <div class="notice error">
      <p>{props.error.message}</p>
    </div>
  );
}

function HandoverForm(props: { r: RoleView; error: RoleFormError | null }) {
  const { r, error } = props;
  const fieldId = `successor-${r.id}`;
  if (r.pendingHandover) {
    return (
      <p>
        กำลังส่งมอบให้ / Handover pending to <span class="mono">{r.pendingHandover.successorEmail}</span> (
        <When iso={r.pendingHandover.createdAt} />)
      </p>
    );
  }
  return (
    <form method="post" action={`/roles/${encodeURIComponent(r.id)}/handover`}>
      <FormError error={error} form="handover" />
      <p class="hint" id={`${fieldId}-hint`}>
        ผู้รับช่วงจะได้รับอีเมลเชิญให้สมัคร เมื่อคำขอของผู้รับช่วงได้รับอนุมัติ บทบาทของท่านจะสิ้นสุดและกุญแจเผยแพร่ข้อมูลของท่านจะหยุดทำงานทันที
        ระหว่างนี้ทุกอย่างยังใช้งานได้ตามปกติ / The successor is e-mailed an invitation to apply. When their application is
        approved, your role ends and your publish keys stop, in the same step; until then nothing changes.
      </p>
      <label for={fieldId}>อีเมลราชการของผู้รับช่วง / Successor's official e-mail</label>
      <input
        id={fieldId}
        name="successorEmail"
        type="email"
        required
        maxlength={254}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        aria-describedby={`${fieldId}-hint`}
        value={error?.form === "handover" ? error.value : ""}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          ส่งมอบบทบาท / Hand over the role<span class="vh">: {r.agencyNameTh}</span>
        </button>
      </div>
    </form>
  );
}

function CancelForm(props: { r: RoleView; error: RoleFormError | null }) {
  const { r, error } = props;
  const reasonId = `cancel-reason-${r.id}`;
  const confirmId = `cancel-confirm-${r.id}`;
  return (
    <form method="post" action={`/roles/${encodeURIComponent(r.id)}/cancel`}>
      <FormError error={error} form="cancel" />
      <div class="box" id={`${reasonId}-warning`}>
        <p>
          <strong>คำเตือน:</strong> เมื่อสละบทบาท กุญแจ API สำหรับเผยแพร่ข้อมูลของท่านจะหยุดทำงานทันทีและกู้คืนไม่ได้
          หากต้องการเป็นผู้ดูแลข้อมูลอีกครั้งต้องยื่นคำขอใหม่
        </p>
        <p lang="en">
          <strong>Warning:</strong> giving up the role stops your publish API keys at once, for good. To be a steward
          again you must apply again.
        </p>
      </div>
      <label for={reasonId}>เหตุผล (จำเป็น) / Reason (required)</label>
      <textarea id={reasonId} name="reason" rows={2} required maxlength={2000} aria-describedby={`${reasonId}-warning`}>
        {error?.form === "cancel" ? error.value : ""}
      </textarea>
      <label class="check" for={confirmId}>
        <input id={confirmId} type="checkbox" name="confirm" value="yes" required />
        <span>ข้าพเจ้าเข้าใจว่ากุญแจเผยแพร่ข้อมูลจะหยุดทำงานทันที / I understand my publish keys stop at once</span>
      </label>
      <div class="actions">
        <button type="submit" class="danger">
          สละบทบาท / Give up the role<span class="vh">: {r.agencyNameTh}</span>
        </button>
      </div>
    </form>
  );
}

function RoleItem(props: { r: RoleView; error: RoleFormError | null }) {
  const { r } = props;
  const error = props.error?.membershipId === r.id ? props.error : null;
  const active = r.status === "active";
  return (
    <li id={`role-${r.id}`}>
      <p>
        <strong>{r.agencyNameTh}</strong> <span lang="en">({r.agencyNameEn})</span>
      </p>
      <p>
        <Badge text={labelOf(MEMBERSHIP_STATUS, r.status)} />
      </p>
      <dl class="facts">
        <dt>บทบาท / Role</dt>
        <dd>
          <Bi text={labelOf(ROLES, r.role)} />
        </dd>
        <dt>ตั้งแต่ / Since</dt>
        <dd>
          <When iso={r.since} />
        </dd>
        {active ? null : (
          <>
            <dt>เปลี่ยนสถานะเมื่อ / Status changed</dt>
            <dd>
              <When iso={r.updatedAt} />
            </dd>
          </>
        )}
        <dt>รหัสบทบาท / Membership ID</dt>
        <dd>
          <code>{r.id}</code>
        </dd>
      </dl>
      {active ? (
        <>
          <h3>ส่งมอบให้ผู้รับช่วง / Hand over to a successor</h3>
          <HandoverForm r={r} error={error} />
          <h3>สละบทบาท / Give up the role</h3>
          <CancelForm r={r} error={error} />
        </>
      ) : null}
    </li>
  );
}

/** The user's steward roles, with handover and cancellation for the active ones. */
export function RolesPage(props: {
  user: LayoutUser;
  roles: RoleView[];
  done?: Bilingual | null;
  error?: RoleFormError | null;
}) {
  const error = props.error ?? null;
  return (
    <Layout title="บทบาทผู้ดูแลข้อมูล / Steward roles" user={props.user}>
      <Heading th="บทบาทผู้ดูแลข้อมูลของฉัน" en="My steward roles" />
      {error ? (
        <Notice kind="error">
          <p>
            {error.message}{" "}
            {props.roles.some((r) => r.id === error.membershipId) ? (
              <a href={`#role-${error.membershipId}`}>ไปยังแบบฟอร์ม / Go to the form</a>
            ) : null}
          </p>
        </Notice>
      ) : null}
      {props.done ? (
        <Notice kind="success">
          <p>
            <Bi text={props.done} />
          </p>
        </Notice>
      ) : null}
      {props.roles.length === 0 ? (
        <Notice kind="info">
          <p>ท่านยังไม่มีบทบาทผู้ดูแลข้อมูล / You have no steward roles yet.</p>
          <p>
            <a href="/apply">สมัครเป็นผู้ดูแลข้อมูล / Apply as a data steward</a>
          </p>
        </Notice>
      ) : (
        <ul class="list">
          {props.roles.map((r) => (
            <RoleItem r={r} error={error} />
          ))}
        </ul>
      )}
      <p>
        <a href="/applications">คำขอของฉัน / My applications</a> · <a href="/keys">กุญแจ API / API keys</a>
      </p>
    </Layout>
  );
}
