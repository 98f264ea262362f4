import { T } from "../platform/page-context";

/** The link to the applicant's steward roles, where they hand over or give up a role. */
export function RolesLink() {
  return (
    <p>
      <a href="/roles">
        <T th="บทบาทผู้ดูแลข้อมูลของฉัน (ส่งมอบหรือสละบทบาท)" en="My steward roles (hand over, give up)" />
      </a>
    </p>
  );
}
