import type { AppError } from "../../../errors";
import type { FormProblem } from "../../../views/platform/form-problem";
import { approverField, approverSection } from "../../../views/applications/admin-approver-form";
import { reviewReasonField, type ReviewDecision } from "../../../views/applications/admin-review-forms";
import { formProblem, type FormMessages } from "../form-problem";

// How the console's forms on an application (DGA's review, the approver's confirmation) name
// their fields when they are wrong. Each application on the page has its own forms, so the
// fields' ids carry the application's id: the problems are renamed to them.

const APPROVER_MESSAGES: FormMessages = {
  fields: {
    name: { th: "กรอกชื่อผู้อนุมัติ ไม่เกิน 200 ตัวอักษร", en: "Enter the approver's name, up to 200 characters" },
    position: {
      th: "กรอกตำแหน่งผู้อนุมัติ ไม่เกิน 200 ตัวอักษร",
      en: "Enter the approver's position, up to 200 characters",
    },
    email: {
      th: "กรอกอีเมลราชการของผู้อนุมัติ เช่น name@agency.go.th",
      en: "Enter the approver's government e-mail, like name@agency.go.th",
    },
  },
  codes: { approver_is_applicant: "email", email_domain_not_allowed: "email" },
};

const REVIEW_MESSAGES: Record<ReviewDecision, FormMessages> = {
  approve: {
    fields: {
      reason: {
        th: "เขียนเหตุผลไม่เกิน 2,000 ตัวอักษร หรือเว้นว่างไว้",
        en: "Keep the reason to 2,000 characters or fewer, or leave it empty",
      },
    },
  },
  reject: {
    fields: {
      reason: {
        th: "เขียนเหตุผลไม่เกิน 2,000 ตัวอักษร หรือเว้นว่างไว้",
        en: "Keep the reason to 2,000 characters or fewer, or leave it empty",
      },
    },
  },
  return: {
    fields: {
      reason: {
        th: "เขียนเหตุผลที่ส่งกลับให้แก้ไข ไม่เกิน 2,000 ตัวอักษร",
        en: "Say why the application is returned, up to 2,000 characters",
      },
    },
    // The page's own refusal of a blank reason comes without field errors: it is the reason's.
    codes: { invalid_request: "reason" },
  },
};

function renamed(problem: FormProblem, id: (field: string) => string): FormProblem {
  return { general: problem.general, fields: problem.fields.map((f) => ({ ...f, field: id(f.field) })) };
}

/**
 * The problem of a refused console form on an application, its fields named by their ids on
 * the page: the review's reason (`return-reason-<id>`) or the approver's fields
 * (`approver-<id>-email`). `section` and `values` are the failure's (see AdminFailure).
 */
export function consoleFormProblem(failure: {
  section: string;
  error: AppError;
  values: Record<string, string>;
}): FormProblem | null {
  const { section, error, values } = failure;
  const review = /^review-(.+)$/.exec(section);
  if (review) {
    const id = review[1]!;
    const decision = (["approve", "reject", "return"] as const).find((d) => d === values.decision);
    if (!decision) return null;
    return renamed(formProblem(error, REVIEW_MESSAGES[decision]), () => reviewReasonField(id, decision));
  }
  const approver = /^approver-(.+)$/.exec(section);
  if (approver && section === approverSection(approver[1]!)) {
    const id = approver[1]!;
    return renamed(formProblem(error, APPROVER_MESSAGES), (field) => approverField(id, field));
  }
  return null;
}
