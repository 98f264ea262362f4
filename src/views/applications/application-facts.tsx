import { ROLES, labelOf } from "../../text/catalogue";
import { Bi } from "../platform/parts";
import type { ApplicationView } from "./application-views";

/** The facts every view of an application starts with (rows of a `<dl class="facts">`). */
export function ApplicationBasics(props: { a: ApplicationView }) {
  const { a } = props;
  return (
    <>
      <dt>เลขที่คำขอ / Reference</dt>
      <dd>
        <strong class="mono">{a.reference}</strong>
      </dd>
      <dt>หน่วยงาน / Agency</dt>
      <dd>
        {a.agencyNameTh} <span lang="en">({a.agencyNameEn})</span>
      </dd>
      <dt>บทบาท / Role</dt>
      <dd>
        <Bi text={labelOf(ROLES, a.role)} />
      </dd>
      <dt>ตำแหน่ง / Position</dt>
      <dd>{a.position}</dd>
      <dt>โทรศัพท์ / Phone</dt>
      <dd>{a.phone}</dd>
      <dt>เหตุผล / Reason</dt>
      <dd class="pre-line">{a.reason}</dd>
    </>
  );
}
