import { APPLICATION_STATUS, MEMBERSHIP_NEXT, MEMBERSHIP_STATUS, labelOf } from "../../text/catalogue";
import type { MembershipView } from "./application-views";
import { Badge, Bi, When } from "../platform/parts";

/** The status of an application as a Thai + English badge. */
export function StatusBadge(props: { status: string }) {
  return <Badge text={labelOf(APPLICATION_STATUS, props.status)} />;
}

/** What happens next for an application in this status. */
export function NextStep(props: { status: string }) {
  const next = Object.hasOwn(APPLICATION_STATUS, props.status)
    ? APPLICATION_STATUS[props.status as keyof typeof APPLICATION_STATUS].next
    : null;
  if (!next) return null;
  return (
    <p class="hint">
      {next.th}
      <br />
      <span lang="en">{next.en}</span>
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
  const next = labelOf(MEMBERSHIP_NEXT, m.status);
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
        {next.th}
        <br />
        <span lang="en">{next.en}</span>
      </p>
      {m.reason ? <p class="pre-line">เหตุผล / Reason: {m.reason}</p> : null}
    </>
  );
}
