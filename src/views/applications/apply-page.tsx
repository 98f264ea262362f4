import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ApplicantFields } from "./applicant-fields";
import { Heading } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import { assetPath } from "../platform/assets";

export type AgencyOption = {
  id: string;
  nameTh: string;
  nameEn: string;
  domains: string[];
  reviewRequired: boolean;
  hasExecutive: boolean;
};

export type ApplyValues = {
  agencyId?: string;
  position?: string;
  phone?: string;
  reason?: string;
  approverName?: string;
  approverPosition?: string;
  approverEmail?: string;
};

const NO_EXECUTIVE = { th: "ไม่มีข้อมูลผู้บริหาร", en: "no executive on file" } as const;

/**
 * The nomination of an approver: shown only while the chosen agency has no executive on file
 * (apply.js follows the choice and hides it otherwise; without scripts it is always shown, its
 * hint saying when it counts).
 */
function ApproverFieldset(props: { values: ApplyValues; problem: FormProblem | null }) {
  const v = props.values;
  const p = props.problem;
  return (
    <fieldset id="approver" aria-describedby="approver-hint">
      <legend>
        <T th="เสนอชื่อผู้อนุมัติ (ไม่บังคับ)" en="Nominate an approver (optional)" />
      </legend>
      <p class="hint" id="approver-hint">
        <T
          th="เฉพาะหน่วยงานที่ระบุว่า “ไม่มีข้อมูลผู้บริหาร” ในรายการ: ท่านเสนอชื่อผู้อนุมัติได้ สพร. จะยืนยันผู้อนุมัติก่อน แล้วจึงส่งอีเมลขออนุมัติ กรอกให้ครบทั้งสามช่อง หรือเว้นว่างทั้งหมดแล้ว สพร. จะติดต่อหาผู้อนุมัติเอง"
          en="Only for agencies marked “no executive on file” in the list: you may nominate the approver. DGA confirms them before the approval e-mail is sent. Fill in all three fields, or leave them all empty and DGA will find the approver."
        />
      </p>
      <label for="approverName">
        <T th="ชื่อผู้อนุมัติ" en="Approver's name" />
      </label>
      <FieldMessage problem={p} field="approverName" />
      <input
        id="approverName"
        name="approverName"
        type="text"
        maxlength={200}
        autocomplete="off"
        value={v.approverName ?? ""}
        {...fieldAttrs(p, "approverName")}
      />
      <label for="approverPosition">
        <T th="ตำแหน่งผู้อนุมัติ" en="Approver's position" />
      </label>
      <FieldMessage problem={p} field="approverPosition" />
      <input
        id="approverPosition"
        name="approverPosition"
        type="text"
        maxlength={200}
        autocomplete="off"
        value={v.approverPosition ?? ""}
        {...fieldAttrs(p, "approverPosition")}
      />
      <label for="approverEmail">
        <T th="อีเมลราชการของผู้อนุมัติ" en="Approver's government e-mail" />
      </label>
      <FieldMessage problem={p} field="approverEmail" />
      <input
        id="approverEmail"
        name="approverEmail"
        type="email"
        maxlength={254}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        value={v.approverEmail ?? ""}
        {...fieldAttrs(p, "approverEmail")}
      />
    </fieldset>
  );
}

/**
 * The application to become the data steward of an agency. Its pre-condition comes first: a
 * person who has not accepted the current terms gets a link to them instead of the form. The
 * agency of the person's e-mail domain is chosen for them (`values.agencyId`).
 */
export function ApplyPage(props: {
  user: LayoutUser;
  agencies: AgencyOption[];
  termsAccepted: boolean;
  problem?: FormProblem | null;
  values?: ApplyValues;
}) {
  const values = props.values ?? {};
  const problem = props.problem ?? null;
  const chosen = props.agencies.find((a) => a.id === values.agencyId);
  const title = { th: "สมัครเป็นผู้ดูแลข้อมูล", en: "Apply as a data steward" };
  return (
    <Layout title={title} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <Heading {...title} />
      <p>
        <T
          th={`อีเมลราชการของท่าน${props.user.email ? ` (${props.user.email})` : ""} ต้องอยู่ในโดเมนของหน่วยงานที่เลือก หรือเป็น MailGoThai (@mail.go.th) เมื่อส่งคำขอแล้ว ผู้บริหารสูงสุดของหน่วยงานจะได้รับอีเมลเพื่ออนุมัติ บางหน่วยงานต้องให้ สพร. ตรวจสอบอีกขั้นหนึ่งก่อนได้รับสิทธิ์`}
          en={`Your official e-mail${props.user.email ? ` (${props.user.email})` : ""} must be on the chosen agency's domain or on MailGoThai (@mail.go.th). Once you submit, the agency's chief executive gets an e-mail to approve. Some agencies also need a review by DGA before access is granted.`}
        />
      </p>
      {!props.termsAccepted ? (
        <Notice kind="info">
          <p>
            <T
              th="ก่อนสมัคร ท่านต้องอ่านและยอมรับข้อตกลงการใช้งานฉบับปัจจุบัน"
              en="Before you apply, read and accept the current terms of use."
            />
          </p>
          <p>
            <a class="button" href="/terms">
              <T th="อ่านและยอมรับข้อตกลง" en="Read and accept the terms" />
            </a>
          </p>
        </Notice>
      ) : props.agencies.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ยังไม่มีหน่วยงานในระบบ โปรดติดต่อ สพร." en="No agencies are available yet. Please contact DGA." />
          </p>
        </Notice>
      ) : (
        <ApplyForm agencies={props.agencies} values={values} problem={problem} chosen={chosen} />
      )}
    </Layout>
  );
}

function ApplyForm(props: {
  agencies: AgencyOption[];
  values: ApplyValues;
  problem: FormProblem | null;
  chosen: AgencyOption | undefined;
}) {
  const { values, problem: p } = props;
  return (
    <>
      <form method="post" action="/apply" novalidate>
        <input type="hidden" name="role" value="steward" />
        <label for="agencyId">
          <T th="หน่วยงาน" en="Agency" />
        </label>
        <FieldMessage problem={p} field="agencyId" />
        <select id="agencyId" name="agencyId" required {...fieldAttrs(p, "agencyId")}>
          <option value="" selected={!props.chosen}>
            {t({ th: "— เลือกหน่วยงาน —", en: "— Choose an agency —" })}
          </option>
          {props.agencies.map((a) => (
            <option
              value={a.id}
              selected={a.id === props.chosen?.id}
              data-no-executive={a.hasExecutive ? undefined : ""}
            >
              {t({ th: a.nameTh, en: a.nameEn })}
              {a.hasExecutive ? "" : ` — ${t(NO_EXECUTIVE)}`}
            </option>
          ))}
        </select>
        <ApplicantFields values={values} problem={p} />
        <ApproverFieldset values={values} problem={p} />
        <div class="actions">
          <button type="submit">
            <T th="ส่งคำขอ" en="Submit application" />
          </button>
        </div>
      </form>
      <details>
        <summary>
          <T th="โดเมนอีเมลของแต่ละหน่วยงาน" en="E-mail domains of each agency" />
        </summary>
        <ul>
          {props.agencies.map((a) => (
            <li>
              {t({ th: a.nameTh, en: a.nameEn })}: {a.domains.length > 0 ? a.domains.join(", ") : "—"}
              {a.reviewRequired ? ` · ${t({ th: "ต้องผ่านการตรวจสอบโดย สพร.", en: "DGA review required" })}` : ""}
              {a.hasExecutive ? "" : ` · ${t(NO_EXECUTIVE)}`}
            </li>
          ))}
        </ul>
      </details>
      <script src={assetPath("apply.js")} defer />
    </>
  );
}
