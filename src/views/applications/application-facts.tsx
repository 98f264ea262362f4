import { ROLES, labelOf } from "../../text/catalogue";
import { Bi } from "../platform/parts";
import { T, t } from "../platform/page-context";
import type { ApplicationView } from "./application-views";

/** The facts every view of an application starts with (rows of a `<dl class="facts">`). */
export function ApplicationBasics(props: { a: ApplicationView }) {
  const { a } = props;
  return (
    <>
      <dt>
        <T th="เลขที่คำขอ" en="Reference" />
      </dt>
      <dd>
        <strong class="mono">{a.reference}</strong>
      </dd>
      <dt>
        <T th="หน่วยงาน" en="Agency" />
      </dt>
      <dd>{t({ th: a.agencyNameTh, en: a.agencyNameEn })}</dd>
      <dt>
        <T th="บทบาท" en="Role" />
      </dt>
      <dd>
        <Bi text={labelOf(ROLES, a.role)} />
      </dd>
      <dt>
        <T th="ตำแหน่ง" en="Position" />
      </dt>
      <dd>{a.position}</dd>
      <dt>
        <T th="โทรศัพท์" en="Phone" />
      </dt>
      <dd>{a.phone}</dd>
      <dt>
        <T th="เหตุผล" en="Reason" />
      </dt>
      <dd class="pre-line">{a.reason}</dd>
    </>
  );
}
