import { MembershipBadge, StatusBadge } from "../applications/application-status";
import type { StewardView } from "../applications/steward-views";
import { Heading, When } from "../platform/parts";
import { T } from "../platform/page-context";

/** An agency's stewards (every status) and its applications still waiting. */
export interface AgencyPeopleView {
  stewards: StewardView[];
  openApplications: { id: string; status: string; createdAt: string; applicantEmail: string; applicantName: string }[];
}

/** Under an agency's form: who stewards it, what waits, and forced rotation for the whole agency. */
export function AgencyPeople(props: { id: string; people: AgencyPeopleView }) {
  const { stewards, openApplications } = props.people;
  const live = stewards.reduce((n, s) => n + s.activeKeys, 0);
  return (
    <section aria-labelledby="agency-stewards">
      <Heading level={2} id="agency-stewards" th="ผู้ดูแลข้อมูลของหน่วยงาน" en="The agency's stewards" />
      {stewards.length === 0 ? (
        <p>
          <T th="ยังไม่มี" en="None yet." />
        </p>
      ) : (
        <ul class="list">
          {stewards.map((s) => (
            <li>
              <a href={`/admin/stewards/${encodeURIComponent(s.membershipId)}`}>{s.user.name || s.user.email}</a>{" "}
              <MembershipBadge status={s.status} /> · <T th="กุญแจที่ใช้งานได้:" en="Active keys:" /> {s.activeKeys}
            </li>
          ))}
        </ul>
      )}
      {live > 0 ? (
        <p>
          <a class="button secondary" href={`/admin/agencies/${encodeURIComponent(props.id)}/confirm/expire-keys`}>
            <T th="บังคับเปลี่ยนกุญแจทั้งหน่วยงาน" en="Force key rotation for the whole agency" />
          </a>
        </p>
      ) : null}
      <Heading level={2} th="คำขอที่ยังไม่เสร็จ" en="Open applications" />
      {openApplications.length === 0 ? (
        <p>
          <T th="ไม่มี" en="None." />
        </p>
      ) : (
        <ul class="list">
          {openApplications.map((a) => (
            <li>
              <a href={`/applications/${encodeURIComponent(a.id)}`}>{a.applicantName || a.applicantEmail}</a>{" "}
              <StatusBadge status={a.status === "awaiting_approver" ? "awaiting_review" : a.status} /> ·{" "}
              <When iso={a.createdAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
