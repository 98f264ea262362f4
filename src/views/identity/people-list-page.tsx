import type { Bilingual } from "../../text/bilingual";
import { Notice, type LayoutUser } from "../platform/layout";
import { ConsolePage, Pager, SearchForm } from "../platform/console-layout";
import { Bi, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import type { PersonRow } from "./people-views";

export const PERSON_STATUS: Record<PersonRow["status"], Bilingual> = {
  active: { th: "ใช้งานได้", en: "Active" },
  suspended: { th: "ถูกระงับ", en: "Suspended" },
  deleted: { th: "ลบแล้ว", en: "Deleted" },
};

export const ADMINISTRATOR: Bilingual = { th: "ผู้ดูแลระบบ", en: "Administrator" };

const COLUMNS = {
  name: { th: "ชื่อ", en: "Name" },
  email: { th: "อีเมล", en: "E-mail" },
  status: { th: "สถานะ", en: "Status" },
  joined: { th: "สมัครเมื่อ", en: "Joined" },
} as const satisfies Record<string, Bilingual>;

/**
 * People: search by name or e-mail, by status; paged, newest first. A search that cannot run
 * (a broken page link) says why above the (empty) list.
 */
export function PeopleListPage(props: {
  user: LayoutUser;
  people: PersonRow[];
  q: string;
  status: string;
  cursor: string | null;
  nextCursor: string | null;
  error?: Bilingual | null;
}) {
  return (
    <ConsolePage user={props.user} current="people" title={{ th: "ผู้ใช้", en: "People" }}>
      {props.error ? (
        <Notice kind="error">
          <p>
            <Bi text={props.error} />
          </p>
        </Notice>
      ) : null}
      <SearchForm action="/admin/people" q={props.q} label={{ th: "ค้นหาชื่อหรืออีเมล", en: "Search a name or e-mail" }}>
        <label for="status">
          <Bi text={COLUMNS.status} />
        </label>
        <select id="status" name="status">
          <option value="" selected={props.status === ""}>
            {t({ th: "ทั้งหมด", en: "All" })}
          </option>
          {Object.entries(PERSON_STATUS).map(([value, label]) => (
            <option value={value} selected={props.status === value}>
              {t(label)}
            </option>
          ))}
        </select>
      </SearchForm>
      {props.people.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ไม่พบผู้ใช้ที่ตรงกับการค้นหา" en="Nobody matches." />
          </p>
        </Notice>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <caption class="vh">
              <T th="ผู้ใช้" en="People" />
            </caption>
            <thead>
              <tr>
                {Object.values(COLUMNS).map((c) => (
                  <th scope="col">{t(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td data-label={t(COLUMNS.name)}>
                    <a href={`/admin/people/${encodeURIComponent(p.id)}`}>{p.name || p.email || "—"}</a>
                    {p.isAdmin ? <span class="badge"> {t(ADMINISTRATOR)}</span> : null}
                  </td>
                  <td data-label={t(COLUMNS.email)}>{p.email ?? "—"}</td>
                  <td data-label={t(COLUMNS.status)}>
                    <span class={`badge ${p.status === "active" ? "active" : "suspended"}`}>
                      <Bi text={PERSON_STATUS[p.status]} />
                    </span>
                  </td>
                  <td data-label={t(COLUMNS.joined)}>
                    <When iso={p.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        path="/admin/people"
        params={{ q: props.q, status: props.status }}
        cursor={props.cursor}
        nextCursor={props.nextCursor}
      />
    </ConsolePage>
  );
}
