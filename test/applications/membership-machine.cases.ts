import { describe, expect, it } from "vitest";
import {
  MEMBERSHIP_EVENTS,
  MEMBERSHIP_STATUSES,
  grantsPublish,
  membershipTransition,
  type MembershipEffect,
  type MembershipEvent,
  type MembershipStatus,
} from "../../src/workflow/membership-machine";

// Written out by hand from DESIGN.md: active -> suspended -> active, active -> revoked,
// active -> superseded (handover); a steward's own cancel revokes; an administrator may also
// revoke a suspended membership. Every other pair must be refused.
const EXPECTED: Record<MembershipStatus, Partial<Record<MembershipEvent, MembershipStatus>>> = {
  active: { SUSPENDED: "suspended", REVOKED: "revoked", CANCELLED: "revoked", SUPERSEDED: "superseded" },
  suspended: { RESUMED: "active", REVOKED: "revoked" },
  revoked: {},
  superseded: {},
};

const PAIRS = MEMBERSHIP_STATUSES.flatMap((status) =>
  MEMBERSHIP_EVENTS.map((event) => ({ status, event, to: EXPECTED[status][event] ?? null })),
);
const LEGAL = PAIRS.filter((p) => p.to !== null);

const kinds = (effects: MembershipEffect[]) => effects.map((e) => e.kind);
const outcomes = (effects: MembershipEffect[]) =>
  effects.flatMap((e) => (e.kind === "notify_steward" ? [e.outcome] : []));

describe("membership transition table", () => {
  it("covers every status and event", () => {
    expect(PAIRS).toHaveLength(MEMBERSHIP_STATUSES.length * MEMBERSHIP_EVENTS.length);
    expect(Object.keys(EXPECTED).sort()).toEqual([...MEMBERSHIP_STATUSES].sort());
    expect(LEGAL).toHaveLength(6);
  });

  it.each(PAIRS)("$status + $event -> $to", ({ status, event, to }) => {
    const transition = membershipTransition(status, event);
    if (to === null) {
      expect(transition).toBeNull();
    } else {
      expect(transition).toMatchObject({ from: status, event, to });
    }
  });

  it.each(["revoked", "superseded"] as const)("terminal %s accepts no event", (status) => {
    for (const event of MEMBERSHIP_EVENTS) expect(membershipTransition(status, event)).toBeNull();
  });
});

describe("membership transition effects", () => {
  const REVOKES_KEYS: MembershipEvent[] = ["REVOKED", "CANCELLED", "SUPERSEDED"];

  it.each(LEGAL)("$status + $event revokes publish keys iff the role ends", ({ status, event, to }) => {
    const effects = kinds(membershipTransition(status, event)!.effects);
    expect(effects.filter((k) => k === "revoke_publish_keys")).toHaveLength(REVOKES_KEYS.includes(event) ? 1 : 0);
    // Whatever ends the role ends publishing, in the same step.
    expect(effects.includes("revoke_publish_keys")).toBe(to === "revoked" || to === "superseded");
  });

  it.each(LEGAL)(
    "$status + $event tells the steward exactly once, with the event as the outcome",
    ({ status, event }) => {
      expect(outcomes(membershipTransition(status, event)!.effects)).toEqual([event.toLowerCase()]);
    },
  );

  it("suspending keeps the keys (they verify as DISABLED until resumed)", () => {
    expect(kinds(membershipTransition("active", "SUSPENDED")!.effects)).not.toContain("revoke_publish_keys");
    expect(kinds(membershipTransition("suspended", "RESUMED")!.effects)).not.toContain("revoke_publish_keys");
  });
});

describe("grantsPublish", () => {
  it.each(MEMBERSHIP_STATUSES)("%s grants publish rights only when active", (status) => {
    expect(grantsPublish(status)).toBe(status === "active");
  });

  it("every transition into a non-active status takes publish rights away", () => {
    for (const { status, event, to } of LEGAL) {
      expect(grantsPublish(membershipTransition(status, event)!.to)).toBe(to === "active");
    }
  });
});
