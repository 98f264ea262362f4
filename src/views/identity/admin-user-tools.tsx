import { Heading } from "../platform/parts";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";

export const REVOKE_SECTION = "revoke";
export const USER_SECTION = "user-tools";

export const USER_ACTIONS = {
  suspend: {
    th: "ระงับบัญชี",
    en: "Suspend the account",
    hint: "เซสชันทั้งหมดสิ้นสุดและกุญแจถูกปิดการใช้งานทันที / All sessions end and keys are disabled at once",
  },
  reactivate: {
    th: "เปิดใช้บัญชีอีกครั้ง",
    en: "Reactivate the account",
    hint: "สำหรับบัญชีที่ถูกระงับหรือถูกล็อก / For a suspended or locked account",
  },
  "remove-passkeys": {
    th: "ลบพาสคีย์ทั้งหมด",
    en: "Remove all passkeys",
    hint: "ผู้ใช้เข้าสู่ระบบด้วยอีเมลแล้วลงทะเบียนใหม่ / The user signs in by e-mail and registers anew",
  },
} as const;
export type UserAction = keyof typeof USER_ACTIONS;

function ReasonField(props: { id: string; value: string }) {
  return (
    <>
      <label for={props.id}>เหตุผล (จำเป็น บันทึกในบันทึกการตรวจสอบ) / Reason (required, kept in the audit log)</label>
      <textarea id={props.id} name="reason" rows={2} required maxlength={2000}>
        {props.value}
      </textarea>
    </>
  );
}

/** Administrator tools by id: revoke a steward's membership; suspend, reactivate, remove passkeys. */
export function UserToolsSection(props: { failure: AdminFailure | null }) {
  const { failure } = props;
  const revoke = (field: string) => typed(failure, REVOKE_SECTION, field);
  const user = (field: string) => typed(failure, USER_SECTION, field);
  return (
    <section aria-labelledby="user-tools-title" id={USER_SECTION}>
      <Heading level={2} id="user-tools-title" th="เครื่องมือจัดการผู้ใช้" en="User tools" />
      <p class="hint">
        รหัสผู้ใช้ (usr_…) และรหัสบทบาท (mem_…) แสดงอยู่ในรายการคำขอด้านบน / User IDs (usr_…) and membership IDs (mem_…) are
        shown in the applications above.
      </p>

      <form method="post" action="/admin/memberships/revoke" id={REVOKE_SECTION}>
        <h3>เพิกถอนบทบาทผู้ดูแลข้อมูล / Revoke a steward membership</h3>
        <InlineError failure={failure} section={REVOKE_SECTION} />
        <p class="hint" id="revoke-hint">
          กุญแจเผยแพร่ข้อมูลของบทบาทนี้หยุดทำงานทันที และผู้ดูแลข้อมูลจะได้รับอีเมลแจ้ง / The membership's publish keys stop at once and
          the steward is e-mailed.
        </p>
        <label for="revoke-id">รหัสบทบาท / Membership ID</label>
        <input
          id="revoke-id"
          name="membershipId"
          type="text"
          required
          maxlength={64}
          autocomplete="off"
          spellcheck={false}
          class="mono"
          aria-describedby="revoke-hint"
          value={revoke("membershipId")}
        />
        <ReasonField id="revoke-reason" value={revoke("reason")} />
        <div class="actions">
          <button type="submit" class="danger">
            เพิกถอนบทบาท / Revoke the membership
          </button>
        </div>
      </form>

      <form method="post" action="/admin/users" id={`${USER_SECTION}-form`}>
        <h3>บัญชีผู้ใช้ / User account</h3>
        <InlineError failure={failure} section={USER_SECTION} />
        <label for="user-id">รหัสผู้ใช้ / User ID</label>
        <input
          id="user-id"
          name="userId"
          type="text"
          required
          maxlength={64}
          autocomplete="off"
          spellcheck={false}
          class="mono"
          value={user("userId")}
        />
        <fieldset>
          <legend>การดำเนินการ / Action</legend>
          {Object.entries(USER_ACTIONS).map(([action, label]) => (
            <label class="check" for={`user-action-${action}`}>
              <input
                id={`user-action-${action}`}
                type="radio"
                name="action"
                value={action}
                required
                checked={user("action") === action}
              />
              <span>
                {label.th} / <span lang="en">{label.en}</span>
                <br />
                <span class="small">{label.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <ReasonField id="user-reason" value={user("reason")} />
        <div class="actions">
          <button type="submit" class="danger">
            ดำเนินการ / Carry out
          </button>
        </div>
      </form>
    </section>
  );
}
