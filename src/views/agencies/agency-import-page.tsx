import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { AgencyNav } from "./agency-nav";

// Bulk registration of agencies from a CSV file, with a row-by-row report.

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
      <AgencyNav />
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
