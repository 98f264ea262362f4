import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";

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

const NO_EXECUTIVE = "ไม่มีข้อมูลผู้บริหาร / no executive on file";

/**
 * The nomination of an approver. Without JavaScript the form cannot follow the chosen agency,
 * so the fieldset is always there and says when it counts.
 */
function ApproverFieldset(props: { values: ApplyValues }) {
  const v = props.values;
  return (
    <fieldset aria-describedby="approver-hint">
      <legend>เสนอชื่อผู้อนุมัติ (ไม่บังคับ) / Nominate an approver (optional)</legend>
      <div id="approver-hint">
        <p class="hint">
          ใช้เฉพาะหน่วยงานที่ระบุว่า "ไม่มีข้อมูลผู้บริหาร" ในรายการด้านบน หากหน่วยงานของท่านมีข้อมูลผู้บริหารแล้ว ระบบจะไม่ใช้ช่องเหล่านี้
          เมื่อเสนอชื่อแล้ว คำขอจะรอให้ สพร. ยืนยันผู้อนุมัติก่อน แล้วจึงส่งอีเมลขออนุมัติไปยังผู้อนุมัติ
        </p>
        <p class="hint" lang="en">
          Only for agencies marked "no executive on file" in the list above; for other agencies these fields are
          ignored. With a nomination, the request waits for DGA to confirm the approver before the approval e-mail is
          sent. Fill in all three fields, or leave them all empty and DGA will find the approver.
        </p>
      </div>
      <label for="approverName">ชื่อผู้อนุมัติ / Approver's name</label>
      <input
        id="approverName"
        name="approverName"
        type="text"
        maxlength={200}
        autocomplete="off"
        value={v.approverName ?? ""}
      />
      <label for="approverPosition">ตำแหน่งผู้อนุมัติ / Approver's position</label>
      <input
        id="approverPosition"
        name="approverPosition"
        type="text"
        maxlength={200}
        autocomplete="off"
        value={v.approverPosition ?? ""}
      />
      <label for="approverEmail">อีเมลราชการของผู้อนุมัติ / Approver's government e-mail</label>
      <input
        id="approverEmail"
        name="approverEmail"
        type="email"
        maxlength={254}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        value={v.approverEmail ?? ""}
      />
    </fieldset>
  );
}

/** The application to become the data steward of an agency. */
export function ApplyPage(props: {
  user: LayoutUser;
  agencies: AgencyOption[];
  error?: string | null;
  values?: ApplyValues;
}) {
  const values = props.values ?? {};
  const anyWithoutExecutive = props.agencies.some((a) => !a.hasExecutive);
  return (
    <Layout title="สมัครเป็นผู้ดูแลข้อมูล / Apply as a data steward" user={props.user}>
      <Heading th="สมัครเป็นผู้ดูแลข้อมูล" en="Apply as a data steward" />
      <p>
        อีเมลราชการของท่าน{props.user.email ? ` (${props.user.email})` : ""} ต้องอยู่ในโดเมนของหน่วยงานที่เลือก หรือเป็น MailGoThai
        (@mail.go.th) เมื่อส่งคำขอแล้ว ผู้บริหารสูงสุดของหน่วยงานจะได้รับอีเมลเพื่ออนุมัติ บางหน่วยงานต้องให้ สพร. ตรวจสอบอีกขั้นหนึ่งก่อนได้รับสิทธิ์
      </p>
      <p lang="en" class="hint">
        Your official e-mail must be on the chosen agency's domain or on MailGoThai (@mail.go.th). Once you submit, the
        agency's chief executive gets an e-mail to approve. Some agencies also need a review by DGA before access is
        granted.
      </p>
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {props.agencies.length === 0 ? (
        <Notice kind="info">
          <p>ยังไม่มีหน่วยงานในระบบ / No agencies are available yet.</p>
        </Notice>
      ) : null}
      <form method="post" action="/apply">
        <input type="hidden" name="role" value="steward" />
        <label for="agencyId">หน่วยงาน / Agency</label>
        <select
          id="agencyId"
          name="agencyId"
          required
          aria-describedby={anyWithoutExecutive ? "agency-hint" : undefined}
        >
          <option value="" selected={!values.agencyId}>
            — เลือกหน่วยงาน / Choose an agency —
          </option>
          {props.agencies.map((a) => (
            <option value={a.id} selected={a.id === values.agencyId}>
              {a.nameTh} ({a.nameEn}){a.hasExecutive ? "" : ` — ${NO_EXECUTIVE}`}
            </option>
          ))}
        </select>
        {anyWithoutExecutive ? (
          <p class="hint" id="agency-hint">
            หน่วยงานที่ไม่มีข้อมูลผู้บริหาร: ท่านเสนอชื่อผู้อนุมัติได้ด้านล่าง / Agencies with no executive on file: you may nominate an
            approver below.
          </p>
        ) : null}
        <label for="position">ตำแหน่ง / Position</label>
        <input
          id="position"
          name="position"
          type="text"
          autocomplete="organization-title"
          required
          maxlength={200}
          value={values.position ?? ""}
        />
        <label for="phone">โทรศัพท์ที่ทำงาน / Work phone</label>
        <p class="hint" id="phone-hint">
          เช่น 02 123 4567 / e.g. 02 123 4567
        </p>
        <input
          id="phone"
          name="phone"
          type="tel"
          autocomplete="tel"
          required
          maxlength={20}
          aria-describedby="phone-hint"
          value={values.phone ?? ""}
        />
        <label for="reason">เหตุผลที่ขอเป็นผู้ดูแลข้อมูล / Why you ask to be the data steward</label>
        <p class="hint" id="reason-hint">
          ผู้บริหารของหน่วยงานจะเห็นข้อความนี้ / Your agency's executive will read this.
        </p>
        <textarea id="reason" name="reason" rows={5} required maxlength={2000} aria-describedby="reason-hint">
          {values.reason ?? ""}
        </textarea>
        <ApproverFieldset values={values} />
        <div class="actions">
          <button type="submit">ส่งคำขอ / Submit application</button>
        </div>
      </form>
      {props.agencies.length > 0 ? (
        <details>
          <summary>โดเมนอีเมลของแต่ละหน่วยงาน / E-mail domains of each agency</summary>
          <ul>
            {props.agencies.map((a) => (
              <li>
                {a.nameTh} ({a.nameEn}): {a.domains.length > 0 ? a.domains.join(", ") : "—"}
                {a.reviewRequired ? " · ต้องผ่านการตรวจสอบโดย สพร. / DGA review required" : ""}
                {a.hasExecutive ? "" : ` · ${NO_EXECUTIVE}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Layout>
  );
}
