import { Heading, OneTimeCodeInput } from "../platform/parts";
import { Layout } from "../platform/layout";
import { T, useLang } from "../platform/page-context";
import { ErrorSummary, FieldMessage, type FormProblem } from "../platform/form-problem";
import { SupportContact } from "../platform/support";

/**
 * Stronger approval: the decision counts only once the approver types the code e-mailed to
 * them. The form posts back to the same link; its hidden fields are posted back as they are.
 */
export function ApprovalConfirmPage(props: {
  decision: "approve" | "reject";
  reason: string | null;
  approverEmail: string;
  problem?: FormProblem | null;
}) {
  const problem = props.problem ?? null;
  const approve = props.decision === "approve";
  const codeWrong = problem?.fields.some((f) => f.field === "code") ?? false;
  return (
    <Layout title={{ th: "ยืนยันการตัดสินใจ", en: "Confirm your decision" }} error={problem !== null}>
      <ErrorSummary problem={problem} />
      <Heading th="ยืนยันการตัดสินใจด้วยรหัส" en="Confirm your decision with a code" />
      {useLang() === "th" ? (
        <p>
          หน่วยงานนี้กำหนดให้ยืนยันการตัดสินใจอีกขั้นหนึ่ง เราได้ส่งรหัส 6 หลักไปที่ {props.approverEmail} แล้ว ท่านกำลัง
          <strong>{approve ? "อนุมัติ" : "ไม่อนุมัติ"}</strong>
        </p>
      ) : (
        <p>
          This agency asks for one more step. We sent a 6-digit code to {props.approverEmail}. You are about to{" "}
          <strong>{approve ? "approve" : "reject"}</strong>.
        </p>
      )}
      <form method="post" novalidate>
        <input type="hidden" name="decision" value={props.decision} />
        {props.reason ? <input type="hidden" name="reason" value={props.reason} /> : null}
        <label for="code">
          <T th="รหัสยืนยัน" en="Confirmation code" />
        </label>
        <p class="hint" id="code-hint">
          <T th="รหัส 6 หลักในอีเมลที่เพิ่งส่งถึงท่าน" en="The 6 digits in the e-mail we have just sent you" />
        </p>
        <FieldMessage problem={problem} field="code" />
        <OneTimeCodeInput
          id="code"
          autofocus={problem === null}
          error={codeWrong ? "code-error" : null}
          hint="code-hint"
        />
        <div class="actions">
          <button type="submit">
            <T th="ยืนยัน" en="Confirm" />
          </button>
        </div>
      </form>
      <p class="hint">
        <T th="ไม่ได้รับรหัส หรือรหัสหมดอายุ? " en="No code, or has it expired? " />
        {/* The link's own address: its page asks again, and pressing a button sends a new code. */}
        <a href="">
          <T th="กลับไปที่คำขอแล้วกดปุ่มอีกครั้ง" en="Go back to the request and press a button again" />
        </a>
      </p>
      {problem ? <SupportContact /> : null}
    </Layout>
  );
}
