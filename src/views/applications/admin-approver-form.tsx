import type { ApproverView } from "./application-views";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";
import { FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import { T } from "../platform/page-context";

export const approverSection = (applicationId: string) => `approver-${applicationId}`;

/** The id of one of the approver form's inputs (`name`, `position`, `email`): one form per application on the page. */
export const approverField = (applicationId: string, name: string) => `${approverSection(applicationId)}-${name}`;

/**
 * For an application whose agency has no executive on file: DGA confirms who approves,
 * pre-filled with the applicant's nomination, and the approval e-mail goes out.
 */
export function ApproverConfirmForm(props: {
  id: string;
  applicantName: string;
  approver: ApproverView | null;
  failure: AdminFailure | null;
}) {
  const { id, approver, failure } = props;
  const section = approverSection(id);
  const problem: FormProblem | null = failure?.section === section ? (failure?.problem ?? null) : null;
  const field = (name: string) => approverField(id, name);
  const input = (name: "name" | "position" | "email") => ({
    id: field(name),
    name,
    required: true,
    autocomplete: "off",
    value: typed(failure, section, name, approver?.[name] ?? ""),
    ...fieldAttrs(problem, field(name)),
  });
  return (
    <form method="post" action={`/admin/applications/${encodeURIComponent(id)}/approver`} id={section}>
      <h3>
        <T th="ยืนยันผู้อนุมัติ" en="Confirm the approver" />
      </h3>
      <InlineError failure={failure} section={section} />
      <p class="hint">
        {approver?.nominated ? (
          <T
            th="ผู้ยื่นคำขอเสนอชื่อผู้อนุมัติไว้ด้านล่าง ตรวจสอบแล้วแก้ไขได้ก่อนยืนยัน"
            en="The applicant nominated the approver below: check it and correct it if needed."
          />
        ) : (
          <T
            th="หน่วยงานนี้ไม่มีข้อมูลผู้บริหาร และผู้ยื่นคำขอไม่ได้เสนอชื่อ กรุณาระบุผู้อนุมัติ"
            en="This agency has no executive on file and no one was nominated: name the approver."
          />
        )}{" "}
        <T th="เมื่อยืนยันแล้ว ระบบจะส่งอีเมลขออนุมัติ" en="Confirming sends the approval e-mail." />
      </p>
      <label for={field("name")}>
        <T th="ชื่อผู้อนุมัติ" en="Approver's name" />
      </label>
      <FieldMessage problem={problem} field={field("name")} />
      <input type="text" maxlength={200} {...input("name")} />
      <label for={field("position")}>
        <T th="ตำแหน่ง" en="Position" />
      </label>
      <FieldMessage problem={problem} field={field("position")} />
      <input type="text" maxlength={200} {...input("position")} />
      <label for={field("email")}>
        <T th="อีเมลราชการ" en="Government e-mail" />
      </label>
      <FieldMessage problem={problem} field={field("email")} />
      <input type="email" maxlength={254} spellcheck={false} autocapitalize="none" {...input("email")} />
      <div class="actions">
        <button type="submit" class="approve">
          <T th="ยืนยันและส่งอีเมลขออนุมัติ" en="Confirm and send the approval e-mail" />
          <span class="vh">: {props.applicantName}</span>
        </button>
      </div>
    </form>
  );
}
