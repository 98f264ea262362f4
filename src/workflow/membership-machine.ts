/** The membership state machine (a granted role: steward of an agency). Pure, no I/O. */
import type { MembershipEvent, MembershipStatus } from "../lib/vocabulary";

export { MEMBERSHIP_EVENTS, MEMBERSHIP_STATUSES } from "../lib/vocabulary";
export type { MembershipEvent, MembershipStatus } from "../lib/vocabulary";

export type MembershipEffect =
  | { kind: "revoke_publish_keys" }
  | { kind: "notify_steward"; outcome: "revoked" | "suspended" | "resumed" | "superseded" | "cancelled" };

const TRANSITIONS = {
  active: { SUSPENDED: "suspended", REVOKED: "revoked", CANCELLED: "revoked", SUPERSEDED: "superseded" },
  suspended: { RESUMED: "active", REVOKED: "revoked" },
  revoked: {},
  superseded: {},
} as const satisfies { [S in MembershipStatus]: Partial<Record<MembershipEvent, MembershipStatus>> };

function effectsOf(event: MembershipEvent): MembershipEffect[] {
  switch (event) {
    case "SUSPENDED":
      // Suspended keys are kept but verify as DISABLED until the membership is resumed.
      return [{ kind: "notify_steward", outcome: "suspended" }];
    case "RESUMED":
      return [{ kind: "notify_steward", outcome: "resumed" }];
    case "REVOKED":
      return [{ kind: "revoke_publish_keys" }, { kind: "notify_steward", outcome: "revoked" }];
    case "CANCELLED":
      return [{ kind: "revoke_publish_keys" }, { kind: "notify_steward", outcome: "cancelled" }];
    case "SUPERSEDED":
      return [{ kind: "revoke_publish_keys" }, { kind: "notify_steward", outcome: "superseded" }];
  }
}

export interface MembershipTransition {
  from: MembershipStatus;
  to: MembershipStatus;
  event: MembershipEvent;
  effects: MembershipEffect[];
}

export function membershipTransition(from: MembershipStatus, event: MembershipEvent): MembershipTransition | null {
  const row: Partial<Record<MembershipEvent, MembershipStatus>> = TRANSITIONS[from];
  const to = row[event];
  return to ? { from, to, event, effects: effectsOf(event) } : null;
}

/** Only an active membership grants publish rights. */
export function grantsPublish(status: MembershipStatus): boolean {
  return status === "active";
}
