import type { TimelineEntry } from "../../text/timeline";
import { describeTimelineStep } from "../../text/timeline";
import { Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";

/**
 * Where an application has been, oldest first: submitted, sent to whom, reminders, the
 * decisions with who and when, DGA's review, the first key, and later changes to the role.
 */
export function ApplicationTimeline(props: { entries: TimelineEntry[]; audience: "applicant" | "administrator" }) {
  if (props.entries.length === 0) return null;
  return (
    <section aria-labelledby="timeline-title">
      <Heading level={2} id="timeline-title" th="ความคืบหน้าของคำขอ" en="What has happened" />
      <ol class="timeline">
        {props.entries.map((entry) => {
          const step = describeTimelineStep(entry, props.audience);
          return (
            <li>
              <p class="timeline-when">
                <When iso={new Date(entry.at).toISOString()} />
              </p>
              <p class="timeline-what">{t(step.what)}</p>
              {step.who ? (
                <p class="small">
                  <T th="โดย " en="By " />
                  {t(step.who)}
                </p>
              ) : null}
              {step.to ? (
                <p class="small">
                  <T th="ถึง " en="To " />
                  {step.to}
                </p>
              ) : null}
              {step.reason ? (
                <p class="small pre-line">
                  <T th="เหตุผล: " en="Reason: " />
                  {step.reason}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
