import { Heading, OneTimeCodeInput } from "../platform/parts";
import { Layout, Notice } from "../platform/layout";

/**
 * Stronger approval: the decision counts only once the approver types the code e-mailed to
 * them. The form posts back to the same link; its hidden fields are posted back as they are.
 */
export function ApprovalConfirmPage(props: {
  decision: "approve" | "reject";
  reason: string | null;
  approverEmail: string;
  error?: string | null;
}) {
  const approve = props.decision === "approve";
  return (
    <Layout title="ยืนยันการตัดสินใจ / Confirm your decision">
      <Heading th="ยืนยันการตัดสินใจด้วยรหัส" en="Confirm your decision with a code" />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <p>
        หน่วยงานนี้กำหนดให้ยืนยันการตัดสินใจอีกขั้นหนึ่ง เราได้ส่งรหัส 6 หลักไปที่ {props.approverEmail} แล้ว ท่านกำลัง
        <strong>{approve ? "อนุมัติ" : "ไม่อนุมัติ"}</strong>
        <br />
        <span lang="en" class="hint">
          This agency asks for one more step. We sent a 6-digit code to {props.approverEmail}. You are about to{" "}
          <strong>{approve ? "approve" : "reject"}</strong>.
        </span>
      </p>
      <form method="post">
        <input type="hidden" name="decision" value={props.decision} />
        {props.reason ? <input type="hidden" name="reason" value={props.reason} /> : null}
        <label for="confirm-code">รหัสยืนยัน / Confirmation code</label>
        <OneTimeCodeInput id="confirm-code" />
        <button type="submit">ยืนยัน / Confirm</button>
      </form>
    </Layout>
  );
}
