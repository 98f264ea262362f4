import type { AppError } from "../../../errors";
import { listItems } from "../../../lib/fields";
import type { Bilingual } from "../../../text/bilingual";
import type { FormProblem } from "../../../views/platform/form-problem";
import type { AgencyFormValues } from "../../../views/agencies/agency-form-page";
import { formProblem, type FormMessages } from "../form-problem";

// What the agency pages say when a form is refused: each field's message for people, in the
// form's order, and the import's message at the file or the pasted text.

/** How the agency form names its fields when they are wrong (see FormMessages). */
export const AGENCY_MESSAGES: FormMessages = {
  fields: {
    nameTh: {
      th: "กรอกชื่อหน่วยงานภาษาไทย ไม่เกิน 300 ตัวอักษร",
      en: "Enter the agency's Thai name, up to 300 characters",
    },
    nameEn: {
      th: "กรอกชื่อหน่วยงานภาษาอังกฤษ ไม่เกิน 300 ตัวอักษร",
      en: "Enter the agency's English name, up to 300 characters",
    },
    ministry: { th: "เลือกกระทรวงของหน่วยงาน", en: "Choose the agency's ministry" },
    domains: {
      th: "กรอกโดเมนของหน่วยงาน บรรทัดละหนึ่งโดเมน ไม่เกิน 20 โดเมน เช่น nso.go.th",
      en: "Enter the agency's domains, one per line (up to 20), like nso.go.th",
    },
    executiveName: {
      th: "กรอกชื่อผู้บริหาร ไม่เกิน 200 ตัวอักษร หรือเว้นว่างทั้งสามช่องของผู้บริหาร",
      en: "Enter the executive's name, up to 200 characters, or leave all three executive fields empty",
    },
    executivePosition: {
      th: "กรอกตำแหน่งผู้บริหาร ไม่เกิน 200 ตัวอักษร หรือเว้นว่างทั้งสามช่องของผู้บริหาร",
      en: "Enter the executive's position, up to 200 characters, or leave all three executive fields empty",
    },
    executiveEmail: {
      th: "กรอกอีเมลราชการของผู้บริหาร เช่น name@nso.go.th",
      en: "Enter the executive's government e-mail, like name@nso.go.th",
    },
    delegateEmails: {
      th: "กรอกอีเมลราชการของผู้รับมอบอำนาจ บรรทัดละหนึ่งอีเมล ไม่เกิน 10 อีเมล",
      en: "Enter the delegates' government e-mails, one per line (up to 10)",
    },
    fallbackName: {
      th: "กรอกชื่อผู้อนุมัติสำรอง ไม่เกิน 200 ตัวอักษร หรือเว้นว่างทั้งสองช่องของผู้อนุมัติสำรอง",
      en: "Enter the fallback approver's name, up to 200 characters, or leave both fallback fields empty",
    },
    fallbackEmail: {
      th: "กรอกอีเมลราชการของผู้อนุมัติสำรอง เช่น name@nso.go.th",
      en: "Enter the fallback approver's government e-mail, like name@nso.go.th",
    },
    fallbackAfterDays: {
      th: "กรอกจำนวนวันก่อนส่งถึงผู้อนุมัติสำรอง เป็นจำนวนเต็ม 1–30",
      en: "Enter after how many days the fallback approver is asked: a whole number from 1 to 30",
    },
    reminderDays: {
      th: "กรอกวันที่ส่งอีเมลเตือนเป็นจำนวนเต็ม 1–60 คั่นด้วยจุลภาค เช่น 3, 7",
      en: "Enter the reminder days as whole numbers from 1 to 60, separated by commas, like 3, 7",
    },
    approvalTtlDays: {
      th: "กรอกอายุลิงก์อนุมัติเป็นจำนวนวันเต็ม 1–60",
      en: "Enter how many days the approval link lasts: a whole number from 1 to 60",
    },
  },
};

const NAME_TAKEN = {
  th: "มีหน่วยงานชื่อนี้แล้ว กรอกชื่ออื่น",
  en: "An agency with this Thai name already exists: enter another name",
};

/** The domains a refusal names: the typed ones at `domains.N` (invalid), or those its messages end with (taken). */
function namedDomains(error: AppError, values: AgencyFormValues): string[] {
  const typed = listItems(values.domains);
  const named = (error.errors ?? [])
    .filter((e) => /^domains\.\d+$/.test(e.path))
    .map((e) =>
      error.code === "conflict" ? (e.message.split(": ").pop() ?? "") : (typed[Number(e.path.split(".")[1])] ?? ""),
    )
    .filter(Boolean);
  return [...new Set(named)];
}

/**
 * The problem of a refused agency form: the field messages of AGENCY_MESSAGES, except that a
 * domain or a name another agency has, or a domain that is not one, says which.
 */
export function agencyProblem(error: AppError, values: AgencyFormValues): FormProblem {
  const problem = formProblem(error, AGENCY_MESSAGES);
  const domains = namedDomains(error, values).join(", ");
  const domainText: Bilingual | null = !domains
    ? null
    : error.code === "conflict"
      ? { th: `${domains} เป็นโดเมนของหน่วยงานอื่นแล้ว`, en: `${domains} already belongs to another agency` }
      : {
          th: `ชื่อโดเมนไม่ถูกต้อง: ${domains} กรอกบรรทัดละหนึ่งโดเมน เช่น nso.go.th`,
          en: `Not a valid domain name: ${domains}. Enter one per line, like nso.go.th`,
        };
  return {
    ...problem,
    fields: problem.fields.map((f) =>
      f.field === "domains" && domainText
        ? { ...f, text: domainText }
        : f.field === "nameTh" && error.code === "conflict"
          ? { ...f, text: NAME_TAKEN }
          : f,
    ),
  };
}

const NOTHING_TO_IMPORT = {
  th: "เลือกไฟล์ CSV หรือวางข้อความ CSV",
  en: "Choose a CSV file or paste the CSV text",
};

const ROWS_INVALID = {
  th: "มีแถวที่ไม่ถูกต้อง จึงไม่ได้นำเข้าเลย แก้ไขตามรายงานด้านล่าง หรือเลือกข้ามแถวที่ไม่ถูกต้อง",
  en: "Some rows are invalid, so nothing was imported: fix them as the report below says, or choose to skip the invalid rows",
};

/** Where an import's problem is shown: at the file when one was chosen, else at the pasted text. */
const sourceField = (fromFile: boolean) => (fromFile ? "file" : "csv");

/** An import refused before it was read: nothing chosen or pasted. */
export const nothingToImport = (): FormProblem => ({
  fields: [{ field: "file", text: NOTHING_TO_IMPORT }],
  general: [],
});

/** An import whose file or text could not be read (bad header, quoting, size…): its own words, at the source. */
export const unreadableImport = (error: AppError, fromFile: boolean): FormProblem => ({
  fields: [{ field: sourceField(fromFile), text: error.text }],
  general: [],
});

/** An import with invalid rows and no skipping: nothing written, the report says which rows. */
export const rowsInvalid = (fromFile: boolean): FormProblem => ({
  fields: [{ field: sourceField(fromFile), text: ROWS_INVALID }],
  general: [],
});
