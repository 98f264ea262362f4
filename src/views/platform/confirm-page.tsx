import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "./layout";
import { ConsolePage, type ConsoleTab } from "./console-layout";
import { Bi } from "./parts";

/** The grace choices of a forced rotation, in seconds (0 – 7 days). */
export const GRACE_CHOICES: { seconds: number; label: Bilingual }[] = [
  { seconds: 0, label: { th: "หยุดทันที", en: "Stop now" } },
  { seconds: 3600, label: { th: "1 ชั่วโมง", en: "1 hour" } },
  { seconds: 86400, label: { th: "1 วัน", en: "1 day" } },
  { seconds: 3 * 86400, label: { th: "3 วัน", en: "3 days" } },
  { seconds: 7 * 86400, label: { th: "7 วัน", en: "7 days" } },
];

/** What a confirmation asks: the action, its consequences, and the fields it needs. */
export interface Confirmation {
  tab: ConsoleTab;
  title: Bilingual;
  /** Who or what it acts on, in words (a name, an agency): never a bare id. */
  target: string;
  /** What will happen, one sentence each ("2 publish keys stop now"). */
  consequences: Bilingual[];
  action: string;
  submit: Bilingual;
  danger?: boolean;
  cancel: string;
  /** Ask for a grace (forced rotation). */
  grace?: boolean;
  /** Who is e-mailed the reason with the news (the steward, the keys' owners), if anyone. */
  reasonSentTo?: Bilingual;
}

/**
 * The page between a button and an administrator's action: it says what will happen, asks for
 * the reason (required) and, for forced rotation, the grace; posting it does the action
 * (Post/Redirect/Get). A refused post comes back here with the error at its field.
 */
export function ConfirmPage(props: {
  user: LayoutUser;
  confirm: Confirmation;
  error?: { message: string; field: "reason" | "graceSeconds" | null } | null;
  values?: { reason?: string; graceSeconds?: string };
}) {
  const { confirm } = props;
  const error = props.error ?? null;
  const reasonError = error?.field === "reason";
  const graceError = error?.field === "graceSeconds";
  const grace = props.values?.graceSeconds ?? "86400";
  return (
    <ConsolePage user={props.user} current={confirm.tab} title={confirm.title} error={error?.message ?? null}>
      <p class="lead">
        <strong>{confirm.target}</strong>
      </p>
      <div class="consequences">
        <p>
          <strong>สิ่งที่จะเกิดขึ้น / What will happen</strong>
        </p>
        <ul>
          {confirm.consequences.map((c) => (
            <li>
              <Bi text={c} />
            </li>
          ))}
        </ul>
      </div>
      <form method="post" action={confirm.action} novalidate>
        {confirm.grace ? (
          <>
            <label for="graceSeconds">ระยะผ่อนผันก่อนกุญแจหยุดทำงาน / Grace before the keys stop</label>
            <select
              id="graceSeconds"
              name="graceSeconds"
              aria-invalid={graceError ? "true" : undefined}
              aria-describedby={graceError ? "graceSeconds-error" : undefined}
            >
              {GRACE_CHOICES.map((g) => (
                <option value={String(g.seconds)} selected={grace === String(g.seconds)}>
                  {g.label.th} / {g.label.en}
                </option>
              ))}
            </select>
            {graceError ? (
              <p class="field-error" id="graceSeconds-error">
                {error!.message}
              </p>
            ) : null}
          </>
        ) : null}
        <label for="reason">
          {confirm.reasonSentTo
            ? `เหตุผล (จำเป็น บันทึกในบันทึกการตรวจสอบ และส่งถึง${confirm.reasonSentTo.th}ทางอีเมล) / Reason (required; kept in the audit trail and e-mailed to ${confirm.reasonSentTo.en})`
            : "เหตุผล (จำเป็น บันทึกในบันทึกการตรวจสอบ) / Reason (required, kept in the audit trail)"}
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={3}
          required
          maxlength={2000}
          aria-invalid={reasonError ? "true" : undefined}
          aria-describedby={reasonError ? "reason-error" : undefined}
          autofocus={reasonError ? true : undefined}
        >
          {props.values?.reason ?? ""}
        </textarea>
        {reasonError ? (
          <p class="field-error" id="reason-error">
            {error!.message}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" class={confirm.danger ? "danger" : undefined}>
            <Bi text={confirm.submit} />
          </button>
          <a class="button secondary" href={confirm.cancel}>
            ยกเลิก / Cancel
          </a>
        </div>
      </form>
    </ConsolePage>
  );
}
