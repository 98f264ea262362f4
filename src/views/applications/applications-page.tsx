import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ApplicationState } from "./application-status";
import { Heading, When } from "../platform/parts";
import { RolesLink } from "./roles-link";
import type { ApplicationView } from "./application-views";

/** The signed-in user's own applications. */
export function ApplicationsPage(props: { user: LayoutUser; applications: ApplicationView[] }) {
  return (
    <Layout title="คำขอของฉัน / My applications" user={props.user}>
      <Heading th="คำขอของฉัน" en="My applications" />
      <RolesLink />
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>ท่านยังไม่มีคำขอ / You have no applications yet.</p>
          <p>
            <a href="/apply">สมัครเป็นผู้ดูแลข้อมูล / Apply as a data steward</a>
          </p>
        </Notice>
      ) : (
        <ul class="list">
          {props.applications.map((a) => (
            <li>
              <p>
                <a href={`/applications/${encodeURIComponent(a.id)}`}>
                  <strong>{a.agencyNameTh}</strong> <span lang="en">({a.agencyNameEn})</span>
                </a>
              </p>
              <ApplicationState status={a.status} membership={a.membership} />
              <p class="small">
                เลขที่คำขอ / Reference <strong class="mono">{a.reference}</strong> · ยื่นเมื่อ / Submitted:{" "}
                <When iso={a.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Who approves, and whether DGA still has to confirm them. */
