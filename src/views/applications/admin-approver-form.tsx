import type { ApproverView } from "./application-views";
import { InlineError, typed, type AdminFailure } from "../platform/admin-parts";

export const approverSection = (applicationId: string) => `approver-${applicationId}`;

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
  const field = (name: string) => `${section}-${name}`;
  return (
    <form method="post" action={`/admin/applications/${encodeURIComponent(id)}/approver`} id={section}>
      <h3>ยืนยันผู้อนุมัติ / Confirm the approver</h3>
      <InlineError failure={failure} section={section} />
      <p class="hint">
        {approver?.nominated
          ? "ผู้ยื่นคำขอเสนอชื่อผู้อนุมัติไว้ด้านล่าง ตรวจสอบแล้วแก้ไขได้ก่อนยืนยัน / The applicant nominated the approver below: check it and correct it if needed."
          : "หน่วยงานนี้ไม่มีข้อมูลผู้บริหาร และผู้ยื่นคำขอไม่ได้เสนอชื่อ กรุณาระบุผู้อนุมัติ / This agency has no executive on file and no one was nominated: name the approver."}{" "}
        เมื่อยืนยันแล้ว ระบบจะส่งอีเมลขออนุมัติ / Confirming sends the approval e-mail.
      </p>
      <label for={field("name")}>ชื่อผู้อนุมัติ / Approver's name</label>
      <input
        id={field("name")}
        name="name"
        type="text"
        required
        maxlength={200}
        autocomplete="off"
        value={typed(failure, section, "name", approver?.name ?? "")}
      />
      <label for={field("position")}>ตำแหน่ง / Position</label>
      <input
        id={field("position")}
        name="position"
        type="text"
        required
        maxlength={200}
        autocomplete="off"
        value={typed(failure, section, "position", approver?.position ?? "")}
      />
      <label for={field("email")}>อีเมลราชการ / Government e-mail</label>
      <input
        id={field("email")}
        name="email"
        type="email"
        required
        maxlength={254}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        value={typed(failure, section, "email", approver?.email ?? "")}
      />
      <div class="actions">
        <button type="submit" class="approve">
          ยืนยันและส่งอีเมลขออนุมัติ / Confirm and send the approval e-mail<span class="vh">: {props.applicantName}</span>
        </button>
      </div>
    </form>
  );
}
