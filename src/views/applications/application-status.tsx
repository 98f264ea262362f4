import { APPLICATION_STATUS, MEMBERSHIP_NEXT, MEMBERSHIP_STATUS, labelOf } from "../../text/catalogue";
import type { MembershipView } from "./application-views";
import { Badge, Bi, When, type BadgeTone } from "../platform/parts";
import { T } from "../platform/page-context";

/**
 * The colour of an application's status: green once it is granted, amber while someone still
 * has to act (including the applicant, for a returned one), red when it ended without a role.
 */
export function applicationTone(status: string): BadgeTone {
  if (status === "approved" || status === "active") return "ok";
  if (status === "returned" || status.startsWith("awaiting_")) return "waiting";
  if (status === "rejected" || status === "expired" || status === "withdrawn") return "ended";
  return "neutral";
}

/** The status of an application as a coloured badge in the page's language. */
export function StatusBadge(props: { status: string }) {
  return <Badge text={labelOf(APPLICATION_STATUS, props.status)} tone={applicationTone(props.status)} />;
}

/** What happens next for an application in this status. */
export function NextStep(props: { status: string }) {
  const next = Object.hasOwn(APPLICATION_STATUS, props.status)
    ? APPLICATION_STATUS[props.status as keyof typeof APPLICATION_STATUS].next
    : null;
  if (!next) return null;
  return (
    <p class="hint">
      <Bi text={next} />
    </p>
  );
}

/** A steward role's status as a coloured badge (green active, amber suspended, red ended). */
export function MembershipBadge(props: { status: string }) {
  return (
    <span class={`badge ${Object.hasOwn(MEMBERSHIP_STATUS, props.status) ? props.status : ""}`}>
      <Bi text={labelOf(MEMBERSHIP_STATUS, props.status)} />
    </span>
  );
}

/**
 * Where an application stands now: once it granted a role, the role's own status tells the
 * truth (a steward suspended or revoked since is not "active"), with when and why.
 */
export function ApplicationState(props: { status: string; membership: MembershipView | null }) {
  const m = props.membership;
  if (!m || m.status === "active") {
    return (
      <>
        <p>
          <StatusBadge status={props.status} />
        </p>
        <NextStep status={props.status} />
      </>
    );
  }
  return (
    <>
      <p>
        <MembershipBadge status={m.status} />
        {m.changedAt ? (
          <>
            {" "}
            · <When iso={m.changedAt} />
          </>
        ) : null}
      </p>
      <p class="hint">
        <Bi text={labelOf(MEMBERSHIP_NEXT, m.status)} />
      </p>
      {m.reason ? (
        <p class="pre-line">
          <T th="เหตุผล" en="Reason" />: {m.reason}
        </p>
      ) : null}
    </>
  );
}
