import { MEMBERSHIP_STATUS } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { Notice } from "../platform/layout";
import { ConsolePage, Pager, SearchForm, queryOf } from "../platform/console-layout";
import { When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import { MembershipBadge } from "./application-status";
import type { StewardView } from "./steward-views";

const COLUMNS = [
  { th: "ชื่อ", en: "Name" },
  { th: "หน่วยงาน", en: "Agency" },
  { th: "สถานะ", en: "Status" },
  { th: "ตั้งแต่", en: "Since" },
  { th: "กุญแจที่ใช้งานได้", en: "Active keys" },
] as const satisfies readonly Bilingual[];

/** The stewards directory: search by Thai or English name, e-mail or agency; by status; paged. */
export function StewardListPage(props: {
  user: LayoutUser;
  stewards: StewardView[];
  q: string;
  status: string;
  agency: { id: string; nameTh: string; nameEn: string } | null;
  cursor: string | null;
  nextCursor: string | null;
  notice?: Bilingual | null;
  error?: Bilingual | null;
}) {
  const params = { q: props.q, status: props.status, agencyId: props.agency?.id };
  return (
    <ConsolePage
      user={props.user}
      current="stewards"
      title={{ th: "ผู้ดูแลข้อมูล", en: "Data stewards" }}
      notice={props.notice}
      error={props.error ? t(props.error) : null}
    >
      {props.agency ? (
        <p>
          <T th="หน่วยงาน: " en="Agency: " />
          <strong>{t({ th: props.agency.nameTh, en: props.agency.nameEn })}</strong> ·{" "}
          <a href={`/admin/stewards?status=${encodeURIComponent(props.status)}`}>
            <T th="ทุกหน่วยงาน" en="All agencies" />
          </a>
        </p>
      ) : null}
      <SearchForm
        action="/admin/stewards"
        q={props.q}
        label={{ th: "ค้นหาชื่อ (ไทยหรืออังกฤษ) อีเมล หรือหน่วยงาน", en: "Search a name (Thai or English), e-mail or agency" }}
        hidden={{ agencyId: props.agency?.id }}
      >
        <label for="status">
          <T th="สถานะ" en="Status" />
        </label>
        <select id="status" name="status">
          {Object.entries(MEMBERSHIP_STATUS).map(([value, label]) => (
            <option value={value} selected={props.status === value}>
              {t(label)}
            </option>
          ))}
          <option value="all" selected={props.status === "all"}>
            {t({ th: "ทั้งหมด", en: "All" })}
          </option>
        </select>
      </SearchForm>
      {props.stewards.length === 0 ? (
        <Notice kind="info">
          <p>
            <T th="ไม่พบผู้ดูแลข้อมูลที่ตรงกับการค้นหา" en="No steward matches." />
          </p>
          {props.status !== "all" ? (
            <p>
              <a href={`/admin/stewards${queryOf({ ...params, status: "all" })}`}>
                <T th="ค้นหาในทุกสถานะ (รวมที่ระงับหรือเพิกถอนแล้ว)" en="Search every status (suspended and ended too)" />
              </a>
            </p>
          ) : null}
        </Notice>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <caption class="vh">
              <T th="ผู้ดูแลข้อมูล" en="Data stewards" />
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th scope="col">{t(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.stewards.map((s) => (
                <tr>
                  <td data-label={t(COLUMNS[0])}>
                    <a href={`/admin/stewards/${encodeURIComponent(s.membershipId)}`}>{s.user.name || s.user.email}</a>
                    <br />
                    <span class="small">{s.user.email}</span>
                  </td>
                  <td data-label={t(COLUMNS[1])}>{t({ th: s.agency.nameTh, en: s.agency.nameEn })}</td>
                  <td data-label={t(COLUMNS[2])}>
                    <MembershipBadge status={s.status} />
                  </td>
                  <td data-label={t(COLUMNS[3])}>
                    <When iso={s.status === "active" ? s.since : (s.statusChangedAt ?? s.since)} />
                  </td>
                  <td data-label={t(COLUMNS[4])}>{s.activeKeys}</td>
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
