// The links between the agency directory's pages, shown at the top of each.

/** Links to the list, the new-agency form and the CSV import. */
export function AgencyNav() {
  return (
    <p>
      <a href="/admin/agencies">รายชื่อหน่วยงาน / Agencies</a> ·{" "}
      <a href="/admin/agencies/new">เพิ่มหน่วยงาน / Add an agency</a> ·{" "}
      <a href="/admin/agencies/import">นำเข้าจาก CSV / Import CSV</a>
    </p>
  );
}
