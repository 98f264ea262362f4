import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { ConsoleTabs } from "../platform/console-layout";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import type { Bilingual } from "../../text/bilingual";
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

const STATUS_LABELS: Record<ImportReportView["rows"][number]["status"], Bilingual> = {
  imported: { th: "นำเข้าแล้ว", en: "Imported" },
  invalid: { th: "ไม่ถูกต้อง", en: "Invalid" },
  skipped: { th: "ไม่ได้นำเข้า", en: "Not imported" },
};

const COLUMNS = {
  line: { th: "บรรทัด", en: "Line" },
  status: { th: "สถานะ", en: "Status" },
  name: { th: "ชื่อ", en: "Name" },
  problems: { th: "ปัญหา", en: "Problems" },
} as const satisfies Record<string, Bilingual>;

function ReportTable(props: { report: ImportReportView }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="vh">
          <T th="ผลการนำเข้ารายแถว" en="Row-by-row report" />
        </caption>
        <thead>
          <tr>
            {Object.values(COLUMNS).map((c) => (
              <th scope="col">{t(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.report.rows.map((r) => (
            <tr>
              <td data-label={t(COLUMNS.line)}>{r.line}</td>
              <td data-label={t(COLUMNS.status)}>{t(STATUS_LABELS[r.status])}</td>
              <td data-label={t(COLUMNS.name)}>{r.nameTh || "—"}</td>
              <td data-label={t(COLUMNS.problems)}>
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

/**
 * The import form and, after an import, its report. A refused import (nothing given, a file
 * that cannot be read, invalid rows) is a `problem` at the file or the pasted text.
 */
export function AgencyImportPage(props: {
  user: LayoutUser;
  csv: string;
  skipInvalid: boolean;
  result: { accepted: boolean; report: ImportReportView } | null;
  problem: FormProblem | null;
}) {
  const { result, problem: p } = props;
  const title = { th: "นำเข้าหน่วยงานจากไฟล์ CSV", en: "Import agencies from a CSV file" };
  return (
    <Layout title={title} error={p !== null} user={props.user}>
      <ErrorSummary problem={p} />
      <ConsoleTabs current="agencies" />
      <Heading {...title} />
      <AgencyNav />
      {result?.accepted ? (
        <Notice kind="success">
          <p>
            <T
              th={`นำเข้า ${result.report.imported} แถว ข้าม ${result.report.skipped} แถว`}
              en={`Imported ${result.report.imported}, skipped ${result.report.skipped}.`}
            />
          </p>
        </Notice>
      ) : null}
      {result ? <ReportTable report={result.report} /> : null}
      <form method="post" action="/admin/agencies/import" enctype="multipart/form-data" novalidate>
        <p class="hint" id="csv-hint">
          <T
            th="UTF-8, ไม่เกิน 64 KiB และ 1000 แถว แถวแรกเป็นหัวตาราง:"
            en="UTF-8, at most 64 KiB and 1000 rows; the first row is the header:"
          />{" "}
          <code>nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired</code>
        </p>
        <label for="file">
          <T th="ไฟล์ CSV" en="CSV file" />
        </label>
        <FieldMessage problem={p} field="file" />
        <input id="file" type="file" name="file" accept=".csv,text/csv" {...fieldAttrs(p, "file", "csv-hint")} />
        <label for="csv">
          <T th="หรือวางข้อความ CSV" en="Or paste the CSV text" />
        </label>
        <FieldMessage problem={p} field="csv" />
        <textarea id="csv" name="csv" rows={8} {...fieldAttrs(p, "csv", "csv-hint")}>
          {props.csv}
        </textarea>
        <label class="check" for="skipInvalid">
          <input id="skipInvalid" type="checkbox" name="skipInvalid" value="true" checked={props.skipInvalid} />
          <span>
            <T th="นำเข้าแถวที่ถูกต้องและข้ามแถวที่ไม่ถูกต้อง" en="Import the valid rows and skip the invalid ones" />
          </span>
        </label>
        <div class="actions">
          <button type="submit">
            <T th="นำเข้า" en="Import" />
          </button>
        </div>
      </form>
    </Layout>
  );
}
