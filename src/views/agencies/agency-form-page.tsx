import { MINISTRIES } from "../../lib/ministries";
import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { ConsoleTabs, SuccessBanner } from "../platform/console-layout";
import type { Bilingual } from "../../text/bilingual";
import { AgencyNav } from "./agency-nav";
import { AgencyPeople, type AgencyPeopleView } from "./agency-people";

// The agency form for DGA administrators: a new agency, or an existing one to edit.

/** The form's fields as typed (strings), so a refused form comes back as it was sent. */
export interface AgencyFormValues {
  nameTh: string;
  nameEn: string;
  ministry: string;
  domains: string;
  executiveName: string;
  executivePosition: string;
  executiveEmail: string;
  delegateEmails: string;
  fallbackName: string;
  fallbackEmail: string;
  fallbackAfterDays: string;
  reminderDays: string;
  approvalTtlDays: string;
  reviewRequired: boolean;
  strongerApproval: boolean;
}
export type FieldErrors = Partial<Record<keyof AgencyFormValues, string[]>>;
type TextField = Exclude<keyof AgencyFormValues, "reviewRequired" | "strongerApproval">;

const LABELS: Record<keyof AgencyFormValues, string> = {
  nameTh: "ชื่อหน่วยงาน (ไทย) / Name (Thai)",
  nameEn: "ชื่อหน่วยงาน (อังกฤษ) / Name (English)",
  ministry: "กระทรวง / Ministry",
  domains: "โดเมน / Domains",
  executiveName: "ชื่อผู้บริหาร / Executive's name",
  executivePosition: "ตำแหน่งผู้บริหาร / Executive's position",
  executiveEmail: "อีเมลผู้บริหาร / Executive's e-mail",
  delegateEmails: "อีเมลผู้รับมอบอำนาจ / Delegates' e-mails",
  fallbackName: "ชื่อผู้อนุมัติสำรอง / Fallback approver's name",
  fallbackEmail: "อีเมลผู้อนุมัติสำรอง / Fallback approver's e-mail",
  fallbackAfterDays: "ส่งถึงผู้สำรองหลังจาก (วัน, 1–30) / Fallback after (days, 1–30)",
  reminderDays: "วันที่ส่งอีเมลเตือน (1–60) / Reminder days (1–60)",
  approvalTtlDays: "อายุลิงก์อนุมัติ (วัน, 1–60) / Approval link lifetime (days, 1–60)",
  reviewRequired: "ต้องให้ สพร. ตรวจสอบ / DGA review required",
  strongerApproval: "ผู้บริหารต้องยืนยันด้วยรหัสทางอีเมล / Executive confirms with an e-mailed code",
};

function Field(props: {
  name: TextField;
  values: AgencyFormValues;
  errors: FieldErrors;
  hint?: string;
  type?: string;
  rows?: number;
  required?: boolean;
  inputmode?: "numeric";
}) {
  const id = `f-${props.name}`;
  const errors = props.errors[props.name] ?? [];
  const describedBy =
    [props.hint ? `${id}-hint` : "", errors.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    "aria-invalid": errors.length ? "true" : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <>
      <label for={id}>{LABELS[props.name]}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} class="field-error">
          {errors.join(" · ")}
        </p>
      ) : null}
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.values[props.name]}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? "text"} value={props.values[props.name]} inputmode={props.inputmode} />
      )}
    </>
  );
}

function Check(props: { name: "reviewRequired" | "strongerApproval"; values: AgencyFormValues }) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} value="true" checked={props.values[props.name]} />
      <span>{LABELS[props.name]}</span>
    </label>
  );
}

export function AgencyFormPage(props: {
  user: LayoutUser;
  id: string | null;
  values: AgencyFormValues;
  errors: FieldErrors;
  message: string | null;
  saved: boolean;
  /** An existing agency's stewards and open applications, shown under its form. */
  people?: AgencyPeopleView | null;
  notice?: Bilingual | null;
}) {
  const { values, errors } = props;
  const f = { values, errors };
  const ministryErrors = errors.ministry ?? [];
  const title = props.id ? { th: "แก้ไขหน่วยงาน", en: "Edit agency" } : { th: "เพิ่มหน่วยงาน", en: "Add an agency" };
  return (
    <Layout title={`${title.th} / ${title.en}`} user={props.user}>
      <ConsoleTabs current="agencies" />
      <SuccessBanner notice={props.notice} />
      <Heading th={title.th} en={title.en} />
      <AgencyNav />
      {props.saved ? (
        <Notice kind="success">
          <p>บันทึกแล้ว / Saved.</p>
        </Notice>
      ) : null}
      {props.message ? (
        <Notice kind="error">
          <p>{props.message}</p>
          <ul>
            {Object.entries(errors).map(([field, list]) => (
              <li>
                <a href={`#f-${field}`}>{LABELS[field as keyof AgencyFormValues] ?? field}</a>: {list!.join(" · ")}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <form method="post" action={props.id ? `/admin/agencies/${encodeURIComponent(props.id)}` : "/admin/agencies/new"}>
        <Field name="nameTh" required {...f} />
        <Field name="nameEn" required {...f} />
        <label for="f-ministry">{LABELS.ministry}</label>
        {ministryErrors.length ? (
          <p id="f-ministry-error" class="field-error">
            {ministryErrors.join(" · ")}
          </p>
        ) : null}
        <select
          id="f-ministry"
          name="ministry"
          required
          aria-invalid={ministryErrors.length ? "true" : undefined}
          aria-describedby={ministryErrors.length ? "f-ministry-error" : undefined}
        >
          <option value="">— เลือกกระทรวง / Choose a ministry —</option>
          {MINISTRIES.map((m) => (
            <option value={m.code} selected={values.ministry === m.code}>{`${m.th} / ${m.en}`}</option>
          ))}
        </select>
        <Field
          name="domains"
          hint="บรรทัดละหนึ่งโดเมน เช่น nso.go.th / One per line, e.g. nso.go.th"
          rows={3}
          required
          {...f}
        />
        <fieldset>
          <legend>ผู้บริหารสูงสุด (ผู้อนุมัติ) / Chief executive (approver)</legend>
          <p class="hint">
            เว้นว่างได้ ผู้ดูแลระบบจะยืนยันผู้อนุมัติเมื่อมีคำขอ / May be left empty: an administrator then confirms the approver.
          </p>
          <Field name="executiveName" {...f} />
          <Field name="executivePosition" {...f} />
          <Field name="executiveEmail" type="email" {...f} />
        </fieldset>
        <Field name="delegateEmails" hint="บรรทัดละหนึ่งอีเมล / One per line" rows={2} {...f} />
        <fieldset>
          <legend>ผู้อนุมัติสำรอง / Fallback approver</legend>
          <Field name="fallbackName" {...f} />
          <Field name="fallbackEmail" type="email" {...f} />
          <Field name="fallbackAfterDays" type="number" inputmode="numeric" {...f} />
        </fieldset>
        <Field name="reminderDays" hint="เช่น 3, 7 / e.g. 3, 7" {...f} />
        <Field name="approvalTtlDays" type="number" inputmode="numeric" {...f} />
        <Check name="reviewRequired" values={values} />
        <Check name="strongerApproval" values={values} />
        <div class="actions">
          <button type="submit">บันทึก / Save</button>
        </div>
      </form>
      {props.id && props.people ? <AgencyPeople id={props.id} people={props.people} /> : null}
    </Layout>
  );
}
