import { MEMBERSHIP_STATUS } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { Notice } from "../platform/layout";
import { ConsolePage, Pager, SearchForm, queryOf } from "../platform/console-layout";
import { When } from "../platform/parts";
import { MembershipBadge } from "./application-status";
import type { StewardView } from "./steward-views";

/** The stewards directory: search by Thai or English name, e-mail or agency; by status; paged. */
export function StewardListPage(props: {
  user: LayoutUser;
  stewards: StewardView[];
  q: string;
  status: string;
  agency: { id: string; nameTh: string } | null;
  cursor: string | null;
  nextCursor: string | null;
  notice?: Bilingual | null;
  error?: string | null;
}) {
  const params = { q: props.q, status: props.status, agencyId: props.agency?.id };
  return (
    <ConsolePage
      user={props.user}
      current="stewards"
      title={{ th: "ผู้ดูแลข้อมูล", en: "Data stewards" }}
      notice={props.notice}
      error={props.error ?? null}
    >
      {props.agency ? (
        <p>
          หน่วยงาน / Agency: <strong>{props.agency.nameTh}</strong> ·{" "}
          <a href={`/admin/stewards?status=${encodeURIComponent(props.status)}`}>ทุกหน่วยงาน / All agencies</a>
        </p>
      ) : null}
      <SearchForm
        action="/admin/stewards"
        q={props.q}
        label={{ th: "ค้นหาชื่อ (ไทยหรืออังกฤษ) อีเมล หรือหน่วยงาน", en: "Search a name (Thai or English), e-mail or agency" }}
        hidden={{ agencyId: props.agency?.id }}
      >
        <label for="status">สถานะ / Status</label>
        <select id="status" name="status">
          {Object.entries(MEMBERSHIP_STATUS).map(([value, label]) => (
            <option value={value} selected={props.status === value}>
              {label.th} / {label.en}
            </option>
          ))}
          <option value="all" selected={props.status === "all"}>
            ทั้งหมด / All
          </option>
        </select>
      </SearchForm>
      {props.stewards.length === 0 ? (
        <Notice kind="info">
          <p>ไม่พบผู้ดูแลข้อมูลที่ตรงกับการค้นหา / No steward matches.</p>
          {props.status !== "all" ? (
            <p>
              <a href={`/admin/stewards${queryOf({ ...params, status: "all" })}`}>
                ค้นหาในทุกสถานะ (รวมที่ระงับหรือเพิกถอนแล้ว) / Search every status (suspended and ended too)
              </a>
            </p>
          ) : null}
        </Notice>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <caption class="vh">ผู้ดูแลข้อมูล / Data stewards</caption>
            <thead>
              <tr>
                <th scope="col">ชื่อ / Name</th>
                <th scope="col">หน่วยงาน / Agency</th>
                <th scope="col">สถานะ / Status</th>
                <th scope="col">ตั้งแต่ / Since</th>
                <th scope="col">กุญแจที่ใช้งานได้ / Active keys</th>
              </tr>
            </thead>
            <tbody>
              {props.stewards.map((s) => (
                <tr>
                  <td data-label="ชื่อ / Name">
                    <a href={`/admin/stewards/${encodeURIComponent(s.membershipId)}`}>{s.user.name || s.user.email}</a>
                    <br />
                    <span class="small">{s.user.email}</span>
                  </td>
                  <td data-label="หน่วยงาน / Agency">
                    {s.agency.nameTh}
                    <br />
                    <span class="small" lang="en">
                      {s.agency.nameEn}
                    </span>
                  </td>
                  <td data-label="สถานะ / Status">
                    <MembershipBadge status={s.status} />
                  </td>
                  <td data-label="ตั้งแต่ / Since">
                    <When iso={s.status === "active" ? s.since : (s.statusChangedAt ?? s.since)} only="th" />
                  </td>
                  <td data-label="กุญแจที่ใช้งานได้ / Active keys">{s.activeKeys}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/admin/stewards" params={params} cursor={props.cursor} nextCursor={props.nextCursor} />
    </ConsolePage>
  );
}
