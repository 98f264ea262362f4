import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ROLES, labelOf, type Bilingual } from "../../text/catalogue";
import { Bi, Heading, When } from "../platform/parts";
import { MembershipBadge } from "./application-status";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";

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

/**
 * A refused form: which membership and form it was, what was wrong (its fields named by the
 * ids of `roleFieldIds`), and what was typed.
 */
export type RoleFormError = {
  membershipId: string;
  form: "handover" | "cancel";
  problem: FormProblem;
  value: string;
  confirmed: boolean;
};

/**
 * The ids of a role's inputs: the page lists every role with its own forms, so an id names the
 * membership too (`successorEmail` of role mem_1 is `successor-mem_1`).
 */
export function roleFieldIds(membershipId: string) {
  return {
    successorEmail: `successor-${membershipId}`,
    reason: `cancel-reason-${membershipId}`,
    confirm: `cancel-confirm-${membershipId}`,
  } as const;
}

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

function HandoverForm(props: { r: RoleView; error: RoleFormError | null }) {
  const { r } = props;
  const error = props.error?.form === "handover" ? props.error : null;
  const p = error?.problem ?? null;
  const fieldId = roleFieldIds(r.id).successorEmail;
  if (r.pendingHandover) {
    return (
      <p>
        <T th="กำลังส่งมอบให้" en="Handover pending to" /> <span class="mono">{r.pendingHandover.successorEmail}</span> (
        <When iso={r.pendingHandover.createdAt} />)
      </p>
    );
  }
  return (
    <form method="post" action={`/roles/${encodeURIComponent(r.id)}/handover`} novalidate>
      <p class="hint" id={`${fieldId}-hint`}>
        <T
          th="ผู้รับช่วงจะได้รับอีเมลเชิญให้สมัคร เมื่อคำขอของผู้รับช่วงได้รับอนุมัติ บทบาทของท่านจะสิ้นสุดและกุญแจเผยแพร่ข้อมูลของท่านจะหยุดทำงานทันที ระหว่างนี้ทุกอย่างยังใช้งานได้ตามปกติ"
          en="The successor is e-mailed an invitation to apply. When their application is approved, your role ends and your publish keys stop, in the same step; until then nothing changes."
        />
      </p>
      <label for={fieldId}>
        <T th="อีเมลราชการของผู้รับช่วง" en="Successor's official e-mail" />
      </label>
      <FieldMessage problem={p} field={fieldId} />
      <input
        id={fieldId}
        name="successorEmail"
        type="email"
        required
        maxlength={254}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        value={error ? error.value : ""}
        {...fieldAttrs(p, fieldId, `${fieldId}-hint`)}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          <T th="ส่งมอบบทบาท" en="Hand over the role" />
          <span class="vh">: {t({ th: r.agencyNameTh, en: r.agencyNameEn })}</span>
        </button>
      </div>
    </form>
  );
}

function CancelForm(props: { r: RoleView; error: RoleFormError | null }) {
  const { r } = props;
  const error = props.error?.form === "cancel" ? props.error : null;
  const p = error?.problem ?? null;
  const { reason: reasonId, confirm: confirmId } = roleFieldIds(r.id);
  return (
    <form method="post" action={`/roles/${encodeURIComponent(r.id)}/cancel`} novalidate>
      <div class="box" id={`${reasonId}-warning`}>
        <p>
          <strong>
            <T th="คำเตือน:" en="Warning:" />
          </strong>{" "}
          <T
            th="เมื่อสละบทบาท กุญแจ API สำหรับเผยแพร่ข้อมูลของท่านจะหยุดทำงานทันทีและกู้คืนไม่ได้ หากต้องการเป็นผู้ดูแลข้อมูลอีกครั้งต้องยื่นคำขอใหม่"
            en="giving up the role stops your publish API keys at once, for good. To be a steward again you must apply again."
          />
        </p>
      </div>
      <label for={reasonId}>
        <T th="เหตุผล (จำเป็น)" en="Reason (required)" />
      </label>
      <FieldMessage problem={p} field={reasonId} />
      <textarea
        id={reasonId}
        name="reason"
        rows={2}
        required
        maxlength={2000}
        {...fieldAttrs(p, reasonId, `${reasonId}-warning`)}
      >
        {error ? error.value : ""}
      </textarea>
      <FieldMessage problem={p} field={confirmId} />
      <label class="check" for={confirmId}>
        <input
          id={confirmId}
          type="checkbox"
          name="confirm"
          value="yes"
          required
          checked={error?.confirmed ? true : undefined}
          {...fieldAttrs(p, confirmId)}
        />
        <span>
          <T th="ข้าพเจ้าเข้าใจว่ากุญแจเผยแพร่ข้อมูลจะหยุดทำงานทันที" en="I understand my publish keys stop at once" />
        </span>
      </label>
      <div class="actions">
        <button type="submit" class="danger">
          <T th="สละบทบาท" en="Give up the role" />
          <span class="vh">: {t({ th: r.agencyNameTh, en: r.agencyNameEn })}</span>
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
        <strong>{t({ th: r.agencyNameTh, en: r.agencyNameEn })}</strong>
      </p>
      <p>
        <MembershipBadge status={r.status} />
      </p>
      <dl class="facts">
        <dt>
          <T th="บทบาท" en="Role" />
        </dt>
        <dd>
          <Bi text={labelOf(ROLES, r.role)} />
        </dd>
        <dt>
          <T th="ตั้งแต่" en="Since" />
        </dt>
        <dd>
          <When iso={r.since} />
        </dd>
        {active ? null : (
          <>
            <dt>
              <T th="เปลี่ยนสถานะเมื่อ" en="Status changed" />
            </dt>
            <dd>
              <When iso={r.updatedAt} />
            </dd>
          </>
        )}
        <dt>
          <T th="รหัสบทบาท" en="Membership ID" />
        </dt>
        <dd>
          <code>{r.id}</code>
        </dd>
      </dl>
      {active ? (
        <>
          <h3>
            <T th="ส่งมอบให้ผู้รับช่วง" en="Hand over to a successor" />
          </h3>
          <HandoverForm r={r} error={error} />
          <h3>
            <T th="สละบทบาท" en="Give up the role" />
          </h3>
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
  const title = { th: "บทบาทผู้ดูแลข้อมูลของฉัน", en: "My steward roles" };
  return (
    <Layout title={title} error={error !== null} user={props.user}>
      <ErrorSummary problem={error?.problem} />
      <Heading {...title} />
      {props.done ? (
        <Notice kind="success">
          <p>
            <Bi text={props.done} />
          </p>
        </Notice>
      ) : null}
      {props.roles.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ท่านยังไม่มีบทบาทผู้ดูแลข้อมูล" en="You have no steward roles yet." />
          </p>
          <p>
            <a href="/apply">
              <T th="สมัครเป็นผู้ดูแลข้อมูล" en="Apply as a data steward" />
            </a>
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
        <a href="/applications">
          <T th="คำขอของฉัน" en="My applications" />
        </a>{" "}
        ·{" "}
        <a href="/keys">
          <T th="กุญแจ API" en="API keys" />
        </a>
      </p>
    </Layout>
  );
}
