import { MINISTRIES } from "../../lib/ministries";
import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { ConsoleTabs, SuccessBanner } from "../platform/console-layout";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
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
  ckanOrganization: string;
}
type TextField = Exclude<keyof AgencyFormValues, "reviewRequired" | "strongerApproval">;

const LABELS: Record<keyof AgencyFormValues, Bilingual> = {
  nameTh: { th: "ชื่อหน่วยงาน (ไทย)", en: "Name (Thai)" },
  nameEn: { th: "ชื่อหน่วยงาน (อังกฤษ)", en: "Name (English)" },
  ministry: { th: "กระทรวง", en: "Ministry" },
  domains: { th: "โดเมน", en: "Domains" },
  executiveName: { th: "ชื่อผู้บริหาร", en: "Executive's name" },
  executivePosition: { th: "ตำแหน่งผู้บริหาร", en: "Executive's position" },
  executiveEmail: { th: "อีเมลผู้บริหาร", en: "Executive's e-mail" },
  delegateEmails: { th: "อีเมลผู้รับมอบอำนาจ", en: "Delegates' e-mails" },
  fallbackName: { th: "ชื่อผู้อนุมัติสำรอง", en: "Fallback approver's name" },
  fallbackEmail: { th: "อีเมลผู้อนุมัติสำรอง", en: "Fallback approver's e-mail" },
  fallbackAfterDays: { th: "ส่งถึงผู้สำรองหลังจาก (วัน, 1–30)", en: "Fallback after (days, 1–30)" },
  reminderDays: { th: "วันที่ส่งอีเมลเตือน (1–60)", en: "Reminder days (1–60)" },
  approvalTtlDays: { th: "อายุลิงก์อนุมัติ (วัน, 1–60)", en: "Approval link lifetime (days, 1–60)" },
  reviewRequired: { th: "ต้องให้ สพร. ตรวจสอบ", en: "DGA review required" },
  strongerApproval: { th: "ผู้บริหารต้องยืนยันด้วยรหัสทางอีเมล", en: "Executive confirms with an e-mailed code" },
  ckanOrganization: { th: "ชื่อองค์กรใน CKAN", en: "CKAN organization name" },
};

/** A text field: its label, hint and message, then the input (whose id is its name). */
function Field(props: {
  name: TextField;
  values: AgencyFormValues;
  problem: FormProblem | null;
  hint?: Bilingual;
  type?: string;
  rows?: number;
  required?: boolean;
  inputmode?: "numeric";
}) {
  const { name, problem } = props;
  const hintId = props.hint ? `${name}-hint` : undefined;
  const common = {
    id: name,
    name,
    required: props.required,
    autocomplete: "off",
    ...fieldAttrs(problem, name, hintId),
  };
  return (
    <>
      <label for={name}>
        <T {...LABELS[name]} />
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          <T {...props.hint} />
        </p>
      ) : null}
      <FieldMessage problem={problem} field={name} />
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.values[name]}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? "text"} value={props.values[name]} inputmode={props.inputmode} />
      )}
    </>
  );
}

function Check(props: { name: "reviewRequired" | "strongerApproval"; values: AgencyFormValues }) {
  return (
    <label class="check" for={props.name}>
      <input id={props.name} type="checkbox" name={props.name} value="true" checked={props.values[props.name]} />
      <span>
        <T {...LABELS[props.name]} />
      </span>
    </label>
  );
}

function MinistryField(props: { values: AgencyFormValues; problem: FormProblem | null }) {
  const { problem } = props;
  return (
    <>
      <label for="ministry">
        <T {...LABELS.ministry} />
      </label>
      <FieldMessage problem={problem} field="ministry" />
      <select id="ministry" name="ministry" required {...fieldAttrs(problem, "ministry")}>
        <option value="">{t({ th: "— เลือกกระทรวง —", en: "— Choose a ministry —" })}</option>
        {MINISTRIES.map((m) => (
          <option value={m.code} selected={props.values.ministry === m.code}>
            {t({ th: m.th, en: m.en })}
          </option>
        ))}
      </select>
    </>
  );
}

export function AgencyFormPage(props: {
  user: LayoutUser;
  id: string | null;
  values: AgencyFormValues;
  /** What was wrong with the posted form (GOV.UK's error pattern); null when it is fine. */
  problem: FormProblem | null;
  saved: boolean;
  /** An existing agency's stewards and open applications, shown under its form. */
  people?: AgencyPeopleView | null;
  notice?: Bilingual | null;
}) {
  const { values, problem } = props;
  const f = { values, problem };
  const title = props.id ? { th: "แก้ไขหน่วยงาน", en: "Edit agency" } : { th: "เพิ่มหน่วยงาน", en: "Add an agency" };
  return (
    <Layout title={title} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <ConsoleTabs current="agencies" />
      <SuccessBanner notice={problem ? null : props.notice} />
      <Heading {...title} />
      <AgencyNav />
      {props.saved && !problem ? (
        <Notice kind="success">
          <p>
            <T th="บันทึกแล้ว" en="Saved." />
          </p>
        </Notice>
      ) : null}
      <form
        method="post"
        action={props.id ? `/admin/agencies/${encodeURIComponent(props.id)}` : "/admin/agencies/new"}
        novalidate
      >
        <Field name="nameTh" required {...f} />
        <Field name="nameEn" required {...f} />
        <MinistryField {...f} />
        <Field
          name="domains"
          hint={{ th: "บรรทัดละหนึ่งโดเมน เช่น nso.go.th", en: "One per line, e.g. nso.go.th" }}
          rows={3}
          required
          {...f}
        />
        <fieldset aria-describedby="executive-hint">
          <legend>
            <T th="ผู้บริหารสูงสุด (ผู้อนุมัติ)" en="Chief executive (approver)" />
          </legend>
          <p class="hint" id="executive-hint">
            <T
              th="เว้นว่างได้ ผู้ดูแลระบบจะยืนยันผู้อนุมัติเมื่อมีคำขอ"
              en="May be left empty: an administrator then confirms the approver."
            />
          </p>
          <Field name="executiveName" {...f} />
          <Field name="executivePosition" {...f} />
          <Field name="executiveEmail" type="email" {...f} />
        </fieldset>
        <Field name="delegateEmails" hint={{ th: "บรรทัดละหนึ่งอีเมล", en: "One per line" }} rows={2} {...f} />
        <fieldset>
          <legend>
            <T th="ผู้อนุมัติสำรอง" en="Fallback approver" />
          </legend>
          <Field name="fallbackName" {...f} />
          <Field name="fallbackEmail" type="email" {...f} />
          <Field name="fallbackAfterDays" inputmode="numeric" {...f} />
        </fieldset>
        <Field name="reminderDays" hint={{ th: "เช่น 3, 7", en: "e.g. 3, 7" }} {...f} />
        <Field name="approvalTtlDays" inputmode="numeric" {...f} />
        <Check name="reviewRequired" values={values} />
        <Check name="strongerApproval" values={values} />
        <Field
          name="ckanOrganization"
          hint={{
            th: "ชื่อ (name) ขององค์กรในพอร์ทัล CKAN เช่น dga: ผู้ดูแลข้อมูลของหน่วยงานจะได้เป็นบรรณาธิการ (editor) ขององค์กรนั้น เว้นว่างหากไม่ใช้",
            en: "The organization's name in the CKAN portal, e.g. dga: the agency's stewards become its editors. Leave empty for none.",
          }}
          {...f}
        />
        <div class="actions">
          <button type="submit">
            <T th="บันทึก" en="Save" />
          </button>
        </div>
      </form>
      {props.id && props.people ? <AgencyPeople id={props.id} people={props.people} /> : null}
    </Layout>
  );
}
