import { T } from "../platform/page-context";
import { FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";

/**
 * The applicant's own fields of an application — position, work phone, reason — as the
 * application form and the resubmission form both ask them, with their messages when wrong.
 */
export function ApplicantFields(props: {
  values: { position?: string; phone?: string; reason?: string };
  problem: FormProblem | null;
}) {
  const { values, problem: p } = props;
  return (
    <>
      <label for="position">
        <T th="ตำแหน่ง" en="Position" />
      </label>
      <FieldMessage problem={p} field="position" />
      <input
        id="position"
        name="position"
        type="text"
        autocomplete="organization-title"
        required
        maxlength={200}
        value={values.position ?? ""}
        {...fieldAttrs(p, "position")}
      />
      <label for="phone">
        <T th="โทรศัพท์ที่ทำงาน" en="Work phone" />
      </label>
      <p class="hint" id="phone-hint">
        <T th="เช่น 02 123 4567 ต่อ 123" en="For example 02 123 4567 ext. 123" />
      </p>
      <FieldMessage problem={p} field="phone" />
      <input
        id="phone"
        name="phone"
        type="tel"
        autocomplete="tel"
        required
        maxlength={20}
        value={values.phone ?? ""}
        {...fieldAttrs(p, "phone", "phone-hint")}
      />
      <label for="reason">
        <T th="เหตุผลที่ขอเป็นผู้ดูแลข้อมูล" en="Why you ask to be the data steward" />
      </label>
      <p class="hint" id="reason-hint">
        <T th="ผู้บริหารของหน่วยงานจะเห็นข้อความนี้" en="Your agency's executive will read this." />
      </p>
      <FieldMessage problem={p} field="reason" />
      <textarea
        id="reason"
        name="reason"
        rows={5}
        required
        maxlength={2000}
        {...fieldAttrs(p, "reason", "reason-hint")}
      >
        {values.reason ?? ""}
      </textarea>
    </>
  );
}
