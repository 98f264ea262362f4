/** The link to the applicant's steward roles, where they hand over or give up a role. */
export function RolesLink() {
  return (
    <p>
      <a href="/roles">บทบาทผู้ดูแลข้อมูลของฉัน (ส่งมอบ / สละบทบาท) / My steward roles (hand over, give up)</a>
    </p>
  );
}
