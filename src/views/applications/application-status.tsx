import { APPLICATION_STATUS, labelOf } from "../../text/catalogue";
import { Badge } from "../platform/parts";

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
