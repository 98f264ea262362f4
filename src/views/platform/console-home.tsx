import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "./layout";
import { ConsolePage } from "./console-layout";
import { T } from "./page-context";
import { Bi } from "./parts";

export interface ConsoleCounts {
  awaitingReview: number;
  openApplications: number;
  activeStewards: number;
  agencies: number;
  people: number;
  currentTermsVersion: string | null;
  failedMessages: number;
  suppressedAddresses: number;
  bouncedApprovals: number;
  failedCkanCalls: number;
  ckanDrift: number;
  failedWebhookDeliveries: number;
}

/** The console's first page: what waits, how many of each, one link per list. */
export function ConsoleHome(props: { user: LayoutUser; counts: ConsoleCounts; notice?: Bilingual | null }) {
  const { counts } = props;
  const cards: { href: string; n: number | string; label: Bilingual }[] = [
    { href: "/admin/review", n: counts.awaitingReview, label: { th: "รอ สพร. ตรวจสอบ", en: "Awaiting review" } },
    {
      href: "/admin/applications",
      n: counts.openApplications,
      label: { th: "คำขอที่ยังไม่เสร็จ", en: "Open applications" },
    },
    { href: "/admin/stewards", n: counts.activeStewards, label: { th: "ผู้ดูแลข้อมูลที่ใช้งานอยู่", en: "Active stewards" } },
    { href: "/admin/agencies", n: counts.agencies, label: { th: "หน่วยงาน", en: "Agencies" } },
    { href: "/admin/people", n: counts.people, label: { th: "ผู้ใช้", en: "People" } },
    {
      href: "/admin/terms",
      n: counts.currentTermsVersion ?? "—",
      label: { th: "ข้อตกลงฉบับปัจจุบัน", en: "Current terms" },
    },
    {
      href: "/admin/mail#bounced",
      n: counts.bouncedApprovals,
      label: { th: "อีเมลผู้อนุมัติไม่รับจดหมาย", en: "Approver's address refused mail" },
    },
    { href: "/admin/mail#failed", n: counts.failedMessages, label: { th: "อีเมลที่ส่งไม่สำเร็จ", en: "Failed messages" } },
    {
      href: "/admin/mail#suppressed",
      n: counts.suppressedAddresses,
      label: { th: "อีเมลที่ระงับการส่ง", en: "Suppressed addresses" },
    },
    {
      href: "/admin/portal#calls",
      n: counts.failedCkanCalls,
      label: { th: "การเรียก CKAN ที่ล้มเหลว", en: "Failed CKAN calls" },
    },
    {
      href: "/admin/portal#organizations",
      n: counts.ckanDrift,
      label: { th: "ความต่างกับ CKAN", en: "Drift from CKAN" },
    },
    {
      href: "/admin/webhooks",
      n: counts.failedWebhookDeliveries,
      label: { th: "เว็บฮุกที่ส่งไม่สำเร็จ", en: "Failed webhook deliveries" },
    },
  ];
  return (
    <ConsolePage
      user={props.user}
      current="home"
      title={{ th: "ผู้ดูแลระบบ", en: "Administration" }}
      notice={props.notice}
    >
      <ul class="counts">
        {cards.map((c) => (
          <li>
            <a href={c.href}>
              <strong>{c.n}</strong>
              <Bi text={c.label} />
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/audit">
          <T th="บันทึกการตรวจสอบ" en="Audit trail" />
        </a>{" "}
        ·{" "}
        <a href="/admin/agencies/import">
          <T th="นำเข้าหน่วยงานจาก CSV" en="Import agencies (CSV)" />
        </a>
      </p>
    </ConsolePage>
  );
}
