import type { Bilingual } from "../../text/bilingual";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";
import { FieldMessage, fieldAttrs } from "../platform/form-problem";
import { T, t } from "../platform/page-context";

export type ReviewDecision = "approve" | "reject" | "return";

const REVIEW_ACTIONS: { action: ReviewDecision; label: Bilingual; class: string; required: boolean }[] = [
  { action: "approve", label: { th: "อนุมัติ", en: "Approve" }, class: "approve", required: false },
  { action: "reject", label: { th: "ไม่อนุมัติ", en: "Reject" }, class: "reject", required: false },
  { action: "return", label: { th: "ส่งกลับให้แก้ไข", en: "Return for changes" }, class: "secondary", required: true },
];

export const reviewSection = (applicationId: string) => `review-${applicationId}`;

/** The id of a review form's reason: one form per decision and application on the page. */
export const reviewReasonField = (applicationId: string, decision: ReviewDecision) =>
  `${decision}-reason-${applicationId}`;

/** The review queue's three decisions on an application, each its own form with its reason. */
export function ReviewForms(props: { id: string; applicantName: string; failure: AdminFailure | null }) {
  const base = `/admin/applications/${encodeURIComponent(props.id)}`;
  const section = reviewSection(props.id);
  const failedDecision = typed(props.failure, section, "decision");
  const problem = props.failure?.section === section ? (props.failure?.problem ?? null) : null;
  return (
    <div id={section}>
      <InlineError failure={props.failure} section={section} />
      <div class="review">
        {REVIEW_ACTIONS.map((r) => {
          const fieldId = reviewReasonField(props.id, r.action);
          const label = t(r.label);
          return (
            <form method="post" action={`${base}/${r.action}`}>
              <label for={fieldId}>
                {r.required ? (
                  <T th="เหตุผล (จำเป็น)" en="Reason (required)" />
                ) : (
                  <T th="เหตุผล (ไม่บังคับ)" en="Reason (optional)" />
                )}
              </label>
              <FieldMessage problem={problem} field={fieldId} />
              <textarea
                id={fieldId}
                name="reason"
                rows={2}
                required={r.required}
                maxlength={2000}
                {...fieldAttrs(problem, fieldId)}
              >
                {failedDecision === r.action ? typed(props.failure, section, "reason") : ""}
              </textarea>
              <div class="actions">
                <button type="submit" class={r.class} aria-label={`${label}: ${props.applicantName}`}>
                  {label}
                </button>
              </div>
            </form>
          );
        })}
      </div>
    </div>
  );
}
