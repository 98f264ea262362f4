import type { Bilingual } from "../../text/bilingual";
import { Layout, Notice, type LayoutUser } from "./layout";
import { ErrorSummary, type FormProblem } from "./form-problem";
import { t } from "./page-context";
import { Bi, Heading } from "./parts";

// The administrators' console: its tabs, the banner after an action, search boxes and paging.

export type ConsoleTab =
  | "home"
  | "review"
  | "applications"
  | "stewards"
  | "agencies"
  | "people"
  | "terms"
  | "mail"
  | "portal"
  | "webhooks"
  | "audit";

const TABS: { tab: ConsoleTab; href: string; label: Bilingual }[] = [
  { tab: "home", href: "/admin", label: { th: "ภาพรวม", en: "Overview" } },
  { tab: "review", href: "/admin/review", label: { th: "รอตรวจสอบ", en: "Awaiting review" } },
  { tab: "applications", href: "/admin/applications", label: { th: "คำขอ", en: "Applications" } },
  { tab: "stewards", href: "/admin/stewards", label: { th: "ผู้ดูแลข้อมูล", en: "Stewards" } },
  { tab: "agencies", href: "/admin/agencies", label: { th: "หน่วยงาน", en: "Agencies" } },
  { tab: "people", href: "/admin/people", label: { th: "ผู้ใช้", en: "People" } },
  { tab: "terms", href: "/admin/terms", label: { th: "ข้อตกลง", en: "Terms" } },
  { tab: "mail", href: "/admin/mail", label: { th: "อีเมล", en: "Mail" } },
  { tab: "portal", href: "/admin/portal", label: { th: "CKAN", en: "CKAN" } },
  { tab: "webhooks", href: "/admin/webhooks", label: { th: "เว็บฮุก", en: "Webhooks" } },
  { tab: "audit", href: "/admin/audit", label: { th: "บันทึกการตรวจสอบ", en: "Audit trail" } },
];

/**
 * A message given either way while the pages move to one language at a time: a Bilingual in
 * the page's language, or a string (already in it) as is. Call only while a page renders.
 */
export function textIn(text: Bilingual | string): string {
  return typeof text === "string" ? text : t(text);
}

/** The console's tabs; the current one is marked for screen readers (aria-current). */
export function ConsoleTabs(props: { current: ConsoleTab; counts?: Partial<Record<ConsoleTab, number>> }) {
  return (
    <nav class="tabs" aria-label={t({ th: "เมนูผู้ดูแลระบบ", en: "Administration" })}>
      <ul>
        {TABS.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.tab === props.current ? "page" : undefined}>
              {t(tab.label)}
              {props.counts?.[tab.tab] !== undefined ? <span class="count"> ({props.counts[tab.tab]})</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A console page: first the error summary of a failed form (`problem`: it takes focus, and the
 * title starts with "ข้อผิดพลาด:"), then the tabs, the banner of a done action (at the top, so
 * it is seen and announced) or the error of a refused one, then the heading and the content.
 */
export function ConsolePage(props: {
  user: LayoutUser;
  current: ConsoleTab;
  title: Bilingual;
  notice?: Bilingual | null;
  /** A refusal that belongs to no form's field (a forged cursor, a refused action). */
  error?: Bilingual | string | null;
  /** What was wrong with the form the page shows again (GOV.UK's error summary). */
  problem?: FormProblem | null;
  children: any;
}) {
  const failed = Boolean(props.error) || hasProblem(props.problem);
  return (
    <Layout title={props.title} error={failed} user={props.user}>
      <ErrorSummary problem={props.problem} />
      <ConsoleTabs current={props.current} />
      <SuccessBanner notice={props.notice} />
      {props.error ? (
        <Notice kind="error">
          <p>{textIn(props.error)}</p>
        </Notice>
      ) : null}
      <Heading th={props.title.th} en={props.title.en} />
      {props.children}
    </Layout>
  );
}

function hasProblem(problem: FormProblem | null | undefined): boolean {
  return Boolean(problem && (problem.fields.length > 0 || problem.general.length > 0));
}

/** The banner of a done action, at the top of the page (announced: role=status); nothing without one. */
export function SuccessBanner(props: { notice?: Bilingual | null }) {
  if (!props.notice) return null;
  return (
    <Notice kind="success">
      <p>
        <Bi text={props.notice} />
      </p>
    </Notice>
  );
}

/** A search form that keeps the list's other filters (as hidden fields). */
export function SearchForm(props: {
  action: string;
  q: string;
  label: Bilingual;
  hidden?: Record<string, string | null | undefined>;
  children?: any;
}) {
  return (
    <form method="get" action={props.action} role="search" class="search">
      <label for="q">
        <Bi text={props.label} />
      </label>
      <input id="q" name="q" type="search" value={props.q} maxlength={200} autocomplete="off" />
      {Object.entries(props.hidden ?? {}).map(([name, value]) =>
        value ? <input type="hidden" name={name} value={value} /> : null,
      )}
      {props.children}
      <div class="actions">
        <button type="submit" class="secondary">
          {t({ th: "ค้นหา", en: "Search" })}
        </button>
      </div>
    </form>
  );
}

/** The query string of a list's link, without empty values. */
export function queryOf(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Paging links: back to the first page, and on to the next while there is one. */
export function Pager(props: {
  path: string;
  params: Record<string, string | null | undefined>;
  cursor: string | null;
  nextCursor: string | null;
  /** The query parameter that holds the position (default `cursor`). */
  param?: string;
}) {
  const param = props.param ?? "cursor";
  if (!props.cursor && !props.nextCursor) return null;
  return (
    <nav class="pager" aria-label={t({ th: "หน้า", en: "Pages" })}>
      {props.cursor ? (
        <a href={`${props.path}${queryOf({ ...props.params, [param]: null })}`}>
          {`« ${t({ th: "หน้าแรก", en: "First page" })}`}
        </a>
      ) : null}
      {props.nextCursor ? (
        <a href={`${props.path}${queryOf({ ...props.params, [param]: props.nextCursor })}`} rel="next">
          {`${t({ th: "หน้าถัดไป", en: "Next page" })} »`}
        </a>
      ) : null}
    </nav>
  );
}

/** An action a console page offers: a link to its confirmation page. */
export interface ConsoleAction {
  action: string;
  label: Bilingual;
  danger: boolean;
}

/** The actions of a steward's or a person's page, each a link (keyboard-reachable) to `<base>/confirm/<action>`. */
export function ActionLinks(props: { base: string; actions: ConsoleAction[] }) {
  return (
    <ul class="actions-list">
      {props.actions.map((a) => (
        <li>
          <a class={`button ${a.danger ? "danger" : "secondary"}`} href={`${props.base}/confirm/${a.action}`}>
            <Bi text={a.label} />
          </a>
        </li>
      ))}
    </ul>
  );
}
