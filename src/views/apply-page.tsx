import { Layout, Notice, type LayoutUser } from "./layout";
import { Heading } from "./parts";

export type AgencyOption = { id: string; nameTh: string; nameEn: string; domains: string[]; reviewRequired: boolean };

/** The application to become the data steward of an agency. */
export function ApplyPage(props: {
  user: LayoutUser;
  agencies: AgencyOption[];
  error?: string | null;
  values?: { agencyId?: string; position?: string; phone?: string; reason?: string };
}) {
  const values = props.values ?? {};
  return (
    <Layout title="สมัครเป็นผู้ดูแลข้อมูล / Apply as a data steward" user={props.user}>
      <Heading th="สมัครเป็นผู้ดูแลข้อมูล" en="Apply as a data steward" />
      <p>
        อีเมลราชการของท่าน{props.user.email ? ` (${props.user.email})` : ""} ต้องอยู่ในโดเมนของหน่วยงานที่เลือก หรือเป็น
        MailGoThai (@mail.go.th) เมื่อส่งคำขอแล้ว ผู้บริหารสูงสุดของหน่วยงานจะได้รับอีเมลเพื่ออนุมัติ
        บางหน่วยงานต้องให้ สพร. ตรวจสอบอีกขั้นหนึ่งก่อนได้รับสิทธิ์
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
        <select id="agencyId" name="agencyId" required>
          <option value="" selected={!values.agencyId}>
            — เลือกหน่วยงาน / Choose an agency —
          </option>
          {props.agencies.map((a) => (
            <option value={a.id} selected={a.id === values.agencyId}>
              {a.nameTh} ({a.nameEn})
            </option>
          ))}
        </select>
        <label for="position">ตำแหน่ง / Position</label>
        <input
          id="position"
          name="position"
          type="text"
          autocomplete="organization-title"
          required
          value={values.position ?? ""}
        />
        <label for="phone">โทรศัพท์ที่ทำงาน / Work phone</label>
        <input id="phone" name="phone" type="tel" autocomplete="tel" required value={values.phone ?? ""} />
        <label for="reason">เหตุผลที่ขอเป็นผู้ดูแลข้อมูล / Why you ask to be the data steward</label>
        <p class="hint" id="reason-hint">
          ผู้บริหารของหน่วยงานจะเห็นข้อความนี้ / Your agency's executive will read this.
        </p>
        <textarea id="reason" name="reason" rows={5} required aria-describedby="reason-hint">
          {values.reason ?? ""}
        </textarea>
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
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Layout>
  );
}
