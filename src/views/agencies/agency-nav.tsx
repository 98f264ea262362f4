import { T, t } from "../platform/page-context";

// The links between the agency directory's pages, shown at the top of each.

/** Links to the list, the new-agency form and the CSV import. */
export function AgencyNav() {
  return (
    <nav aria-label={t({ th: "ทะเบียนหน่วยงาน", en: "Agency directory" })}>
      <p>
        <a href="/admin/agencies">
          <T th="รายชื่อหน่วยงาน" en="Agencies" />
        </a>{" "}
        ·{" "}
        <a href="/admin/agencies/new">
          <T th="เพิ่มหน่วยงาน" en="Add an agency" />
        </a>{" "}
        ·{" "}
        <a href="/admin/agencies/import">
          <T th="นำเข้าจาก CSV" en="Import CSV" />
        </a>
      </p>
    </nav>
  );
}
