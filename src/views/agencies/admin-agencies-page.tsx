import { MINISTRIES } from "../../lib/ministries";
import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";

// The agency directory for DGA administrators: list, form (new and edit), CSV import.

/** An agency as the list shows it (the admin API's agency, src/routes/admin/schemas.ts). */
export interface AgencyItemView {
  id: string;
  nameTh: string;
  nameEn: string;
  ministryTh: string | null;
  ministryEn: string | null;
  domains: string[];
  executive: { name: string; position: string; email: string } | null;
  fallback: { name: string; email: string } | null;
  fallbackAfterDays: number;
  reminderDays: number[];
  approvalTtlDays: number;
  reviewRequired: boolean;
  strongerApproval: boolean;
}

/** An import's report, row by row. */
export interface ImportReportView {
  imported: number;
  skipped: number;
  rows: {
    line: number;
    status: "imported" | "invalid" | "skipped";
    nameTh: string;
    errors: { field: string; message: string }[];
  }[];
}

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

const yesNo = (b: boolean) => (b ? "ใช่ / Yes" : "ไม่ / No");

function Nav() {
  return (
    <p>
      <a href="/admin/agencies">รายชื่อหน่วยงาน / Agencies</a> ·{" "}
      <a href="/admin/agencies/new">เพิ่มหน่วยงาน / Add an agency</a> ·{" "}
      <a href="/admin/agencies/import">นำเข้าจาก CSV / Import CSV</a> · <a href="/admin">คำขอ / Applications</a>
    </p>
  );
}

function AgencyItem(props: { a: AgencyItemView }) {
  const { a } = props;
  return (
    <li>
      <p>
        <strong>{a.nameTh}</strong> <span lang="en">({a.nameEn})</span>
      </p>
      <dl class="facts">
        <dt>กระทรวง / Ministry</dt>
        <dd>{a.ministryTh ? `${a.ministryTh} / ${a.ministryEn}` : "—"}</dd>
        <dt>โดเมน / Domains</dt>
        <dd>{a.domains.length ? <code>{a.domains.join(", ")}</code> : "—"}</dd>
        <dt>ผู้บริหาร / Executive</dt>
        <dd>
          {a.executive
            ? `${a.executive.name} · ${a.executive.position} · ${a.executive.email}`
            : "ยังไม่มี (ผู้ดูแลระบบยืนยันผู้อนุมัติ) / None (an administrator confirms the approver)"}
        </dd>
        <dt>นโยบาย / Policy</dt>
        <dd>
          {`สพร. ตรวจสอบ / DGA review: ${yesNo(a.reviewRequired)}\nยืนยันด้วยรหัส / Stronger approval: ${yesNo(a.strongerApproval)}\n`}
          {`ลิงก์อนุมัติ ${a.approvalTtlDays} วัน, เตือนวันที่ ${a.reminderDays.join(", ")} / Link valid ${a.approvalTtlDays} days, reminders on days ${a.reminderDays.join(", ")}`}
          {a.fallback
            ? `\nผู้อนุมัติสำรอง / Fallback: ${a.fallback.name} · ${a.fallback.email} (${a.fallbackAfterDays} วัน / days)`
            : ""}
        </dd>
      </dl>
      <a
        class="button secondary"
        href={`/admin/agencies/${encodeURIComponent(a.id)}`}
        aria-label={`แก้ไข / Edit: ${a.nameTh}`}
      >
        แก้ไข / Edit
      </a>
    </li>
  );
}

export function AgencyListPage(props: { user: LayoutUser; agencies: AgencyItemView[] }) {
  return (
    <Layout title="หน่วยงาน / Agencies" user={props.user}>
      <Heading th="ทะเบียนหน่วยงาน" en="Agency directory" />
      <Nav />
      <p class="hint">
        ทั้งหมด {props.agencies.length} หน่วยงาน / Total: {props.agencies.length}
      </p>
      <ul class="list">
        {props.agencies.map((a) => (
          <AgencyItem a={a} />
        ))}
      </ul>
    </Layout>
  );
}

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
}) {
  const { values, errors } = props;
  const f = { values, errors };
  const ministryErrors = errors.ministry ?? [];
  const title = props.id ? { th: "แก้ไขหน่วยงาน", en: "Edit agency" } : { th: "เพิ่มหน่วยงาน", en: "Add an agency" };
  return (
    <Layout title={`${title.th} / ${title.en}`} user={props.user}>
      <Heading th={title.th} en={title.en} />
      <Nav />
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
    </Layout>
  );
}

const STATUS_LABELS = {
  imported: "นำเข้าแล้ว / Imported",
  invalid: "ไม่ถูกต้อง / Invalid",
  skipped: "ไม่ได้นำเข้า / Not imported",
} as const;

function ReportTable(props: { report: ImportReportView }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">ผลการนำเข้ารายแถว / Row-by-row report</caption>
        <thead>
          <tr>
            <th scope="col">บรรทัด / Line</th>
            <th scope="col">สถานะ / Status</th>
            <th scope="col">ชื่อ / Name</th>
            <th scope="col">ปัญหา / Problems</th>
          </tr>
        </thead>
        <tbody>
          {props.report.rows.map((r) => (
            <tr>
              <td data-label="บรรทัด / Line">{r.line}</td>
              <td data-label="สถานะ / Status">{STATUS_LABELS[r.status]}</td>
              <td data-label="ชื่อ / Name">{r.nameTh || "—"}</td>
              <td data-label="ปัญหา / Problems">
                {r.errors.map((e) => (
                  <div>{`${e.field}: ${e.message}`}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AgencyImportPage(props: {
  user: LayoutUser;
  csv: string;
  skipInvalid: boolean;
  result: { accepted: boolean; report: ImportReportView } | null;
  error: string | null;
}) {
  const { result } = props;
  return (
    <Layout title="นำเข้าหน่วยงาน / Import agencies" user={props.user}>
      <Heading th="นำเข้าหน่วยงานจากไฟล์ CSV" en="Import agencies from a CSV file" />
      <Nav />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {result ? (
        <Notice kind={result.accepted ? "success" : "error"}>
          <p>
            {result.accepted
              ? `นำเข้า ${result.report.imported} แถว ข้าม ${result.report.skipped} แถว / Imported ${result.report.imported}, skipped ${result.report.skipped}.`
              : "มีแถวที่ไม่ถูกต้อง จึงไม่ได้นำเข้าเลย / Some rows are invalid, so nothing was imported."}
          </p>
        </Notice>
      ) : null}
      {result ? <ReportTable report={result.report} /> : null}
      <form method="post" action="/admin/agencies/import" enctype="multipart/form-data">
        <p class="hint" id="csv-hint">
          UTF-8, ไม่เกิน 64 KiB และ 1000 แถว แถวแรกเป็นหัวตาราง / UTF-8, at most 64 KiB and 1000 rows; the first row is the
          header:{" "}
          <code>nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired</code>
        </p>
        <label for="csv-file">ไฟล์ CSV / CSV file</label>
        <input id="csv-file" type="file" name="file" accept=".csv,text/csv" aria-describedby="csv-hint" />
        <label for="csv-text">หรือวางข้อความ CSV / Or paste the CSV text</label>
        <textarea id="csv-text" name="csv" rows={8} aria-describedby="csv-hint">
          {props.csv}
        </textarea>
        <label class="check">
          <input type="checkbox" name="skipInvalid" value="true" checked={props.skipInvalid} />
          <span>นำเข้าแถวที่ถูกต้องและข้ามแถวที่ไม่ถูกต้อง / Import the valid rows and skip the invalid ones</span>
        </label>
        <div class="actions">
          <button type="submit">นำเข้า / Import</button>
        </div>
      </form>
    </Layout>
  );
}
