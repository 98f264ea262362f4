import type { Bilingual } from "../../text/bilingual";
import { Notice, type LayoutUser } from "../platform/layout";
import { ConsolePage, Pager, SearchForm } from "../platform/console-layout";
import { Bi, When } from "../platform/parts";
import type { PersonRow } from "./people-views";

export const PERSON_STATUS: Record<PersonRow["status"], Bilingual> = {
  active: { th: "ใช้งานได้", en: "Active" },
  suspended: { th: "ถูกระงับ", en: "Suspended" },
  deleted: { th: "ลบแล้ว", en: "Deleted" },
};

/** People: search by name or e-mail, by status; paged, newest first. */
export function PeopleListPage(props: {
  user: LayoutUser;
  people: PersonRow[];
  q: string;
  status: string;
  cursor: string | null;
  nextCursor: string | null;
  error?: string | null;
}) {
  return (
    <ConsolePage user={props.user} current="people" title={{ th: "ผู้ใช้", en: "People" }} error={props.error ?? null}>
      <SearchForm action="/admin/people" q={props.q} label={{ th: "ค้นหาชื่อหรืออีเมล", en: "Search a name or e-mail" }}>
        <label for="status">สถานะ / Status</label>
        <select id="status" name="status">
          <option value="" selected={props.status === ""}>
            ทั้งหมด / All
          </option>
          {Object.entries(PERSON_STATUS).map(([value, label]) => (
            <option value={value} selected={props.status === value}>
              {label.th} / {label.en}
            </option>
          ))}
        </select>
      </SearchForm>
      {props.people.length === 0 ? (
        <Notice kind="info">
          <p>ไม่พบผู้ใช้ที่ตรงกับการค้นหา / Nobody matches.</p>
        </Notice>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <caption class="vh">ผู้ใช้ / People</caption>
            <thead>
              <tr>
                <th scope="col">ชื่อ / Name</th>
                <th scope="col">อีเมล / E-mail</th>
                <th scope="col">สถานะ / Status</th>
                <th scope="col">สมัครเมื่อ / Joined</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td data-label="ชื่อ / Name">
                    <a href={`/admin/people/${encodeURIComponent(p.id)}`}>{p.name || p.email || "—"}</a>
                    {p.isAdmin ? <span class="badge"> ผู้ดูแลระบบ / Administrator</span> : null}
                  </td>
                  <td data-label="อีเมล / E-mail">{p.email ?? "—"}</td>
                  <td data-label="สถานะ / Status">
                    <span class={`badge ${p.status === "active" ? "active" : "suspended"}`}>
                      <Bi text={PERSON_STATUS[p.status]} />
                    </span>
                  </td>
                  <td data-label="สมัครเมื่อ / Joined">
                    <When iso={p.createdAt} only="th" />
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
