import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { ApplicationState } from "./application-status";
import { Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { RolesLink } from "./roles-link";
import type { ApplicationView } from "./application-views";

/** The signed-in user's own applications. */
export function ApplicationsPage(props: { user: LayoutUser; applications: ApplicationView[] }) {
  const title = { th: "คำขอของฉัน", en: "My applications" };
  return (
    <Layout title={title} user={props.user}>
      <Heading {...title} />
      <RolesLink />
      {props.applications.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ท่านยังไม่มีคำขอ" en="You have no applications yet." />
          </p>
          <p>
            <a href="/apply">
              <T th="สมัครเป็นผู้ดูแลข้อมูล" en="Apply as a data steward" />
            </a>
          </p>
        </Notice>
      ) : (
        <ul class="list">
          {props.applications.map((a) => (
            <li>
              <p>
                <a href={`/applications/${encodeURIComponent(a.id)}`}>
                  <strong>{t({ th: a.agencyNameTh, en: a.agencyNameEn })}</strong>
                </a>
              </p>
              <ApplicationState status={a.status} membership={a.membership} />
              <p class="small">
                <T th="เลขที่คำขอ" en="Reference" /> <strong class="mono">{a.reference}</strong> ·{" "}
                <T th="ยื่นเมื่อ" en="Submitted" />: <When iso={a.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
