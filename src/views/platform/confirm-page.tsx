import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "./layout";
import { ConsolePage, textIn, type ConsoleTab } from "./console-layout";
import { FieldMessage, fieldAttrs, type FormProblem } from "./form-problem";
import { T, t } from "./page-context";
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
  target: Bilingual | string;
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

/** The reason's hint: where the reason goes. */
function reasonHint(sentTo: Bilingual | undefined): Bilingual {
  return sentTo
    ? {
        th: `จะบันทึกไว้ในบันทึกการตรวจสอบ และส่งถึง${sentTo.th}ทางอีเมล`,
        en: `It is kept in the audit trail and e-mailed to ${sentTo.en}.`,
      }
    : { th: "จะบันทึกไว้ในบันทึกการตรวจสอบ", en: "It is kept in the audit trail." };
}

/**
 * The page between a button and an administrator's action: it says what will happen, asks for
 * the reason (required) and, for forced rotation, the grace; posting it does the action
 * (Post/Redirect/Get). A refused post comes back here with the error summary, the message at
 * its field and the values as typed.
 */
export function ConfirmPage(props: {
  user: LayoutUser;
  confirm: Confirmation;
  problem?: FormProblem | null;
  values?: { reason?: string; graceSeconds?: string };
}) {
  const { confirm } = props;
  const p = props.problem ?? null;
  // A kept grace that is none of the choices selects the default, never the first ("Stop now").
  const typedGrace = props.values?.graceSeconds ?? "";
  const grace = GRACE_CHOICES.some((g) => String(g.seconds) === typedGrace) ? typedGrace : "86400";
  return (
    <ConsolePage user={props.user} current={confirm.tab} title={confirm.title} problem={p}>
      <p class="lead">
        <strong>{textIn(confirm.target)}</strong>
      </p>
      <div class="consequences">
        <p>
          <strong>
            <T th="สิ่งที่จะเกิดขึ้น" en="What will happen" />
          </strong>
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
            <label for="graceSeconds">
              <T th="ระยะผ่อนผันก่อนกุญแจหยุดทำงาน" en="Grace before the keys stop" />
            </label>
            <FieldMessage problem={p} field="graceSeconds" />
            <select id="graceSeconds" name="graceSeconds" {...fieldAttrs(p, "graceSeconds")}>
              {GRACE_CHOICES.map((g) => (
                <option value={String(g.seconds)} selected={grace === String(g.seconds)}>
                  {t(g.label)}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label for="reason">
          <T th="เหตุผล (จำเป็น)" en="Reason (required)" />
        </label>
        <p class="hint" id="reason-hint">
          <Bi text={reasonHint(confirm.reasonSentTo)} />
        </p>
        <FieldMessage problem={p} field="reason" />
        <textarea
          id="reason"
          name="reason"
          rows={3}
          required
          maxlength={2000}
          {...fieldAttrs(p, "reason", "reason-hint")}
        >
          {props.values?.reason ?? ""}
        </textarea>
        <div class="actions">
          <button type="submit" class={confirm.danger ? "danger" : undefined}>
            <Bi text={confirm.submit} />
          </button>
          <a class="button secondary" href={confirm.cancel}>
            <T th="ยกเลิก" en="Cancel" />
          </a>
        </div>
      </form>
    </ConsolePage>
  );
}
