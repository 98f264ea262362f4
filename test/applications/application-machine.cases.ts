import { describe, expect, it } from "vitest";
import {
  APPLICATION_EVENTS,
  APPLICATION_STATUSES,
  acceptsExecutiveDecision,
  applicationTransition,
  executiveApprovalEvent,
  isOpenApplication,
  publicStatus,
  resubmissionEvent,
  storedStatuses,
  type ApplicationEffect,
  type ApplicationEvent,
  type ApplicationStatus,
} from "../../src/workflow/application-machine";

// The expected table, written out by hand from DESIGN.md's diagram (and CONTRACT.md: an
// expired application may be resubmitted). `awaiting_approver` is the internal stage "the
// executive is unknown, an administrator must confirm one", shown publicly as awaiting_review.
// Every pair not listed here must be refused.
const EXPECTED: Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>> = {
  awaiting_approver: { APPROVER_CONFIRMED: "awaiting_executive", WITHDRAWN: "withdrawn" },
  awaiting_executive: {
    EXECUTIVE_APPROVED: "approved",
    EXECUTIVE_ENDORSED: "awaiting_review",
    EXECUTIVE_REJECTED: "rejected",
    EXPIRED: "expired",
    WITHDRAWN: "withdrawn",
    APPROVERS_GONE: "awaiting_approver",
  },
  awaiting_review: {
    ADMIN_APPROVED: "approved",
    ADMIN_REJECTED: "rejected",
    ADMIN_RETURNED: "returned",
    WITHDRAWN: "withdrawn",
  },
  returned: {
    RESUBMITTED: "awaiting_executive",
    RESUBMITTED_FOR_APPROVER: "awaiting_approver",
    WITHDRAWN: "withdrawn",
  },
  expired: { RESUBMITTED: "awaiting_executive", RESUBMITTED_FOR_APPROVER: "awaiting_approver" },
  approved: { FIRST_KEY_ISSUED: "active" },
  active: {},
  rejected: {},
  withdrawn: {},
};

const PAIRS = APPLICATION_STATUSES.flatMap((status) =>
  APPLICATION_EVENTS.map((event) => ({ status, event, to: EXPECTED[status][event] ?? null })),
);
const LEGAL = PAIRS.filter((p) => p.to !== null);

const kinds = (effects: ApplicationEffect[]) => effects.map((e) => e.kind);
const outcome = (effects: ApplicationEffect[]) =>
  effects.flatMap((e) => (e.kind === "notify_applicant" ? [e.outcome] : []));

describe("application transition table", () => {
  it("covers every status and event, and the expected table only names known ones", () => {
    expect(PAIRS).toHaveLength(APPLICATION_STATUSES.length * APPLICATION_EVENTS.length);
    expect(Object.keys(EXPECTED).sort()).toEqual([...APPLICATION_STATUSES].sort());
    for (const row of Object.values(EXPECTED))
      for (const event of Object.keys(row)) expect(APPLICATION_EVENTS).toContain(event);
    expect(LEGAL).toHaveLength(18);
  });

  it.each(PAIRS)("$status + $event -> $to", ({ status, event, to }) => {
    const transition = applicationTransition(status, event);
    if (to === null) {
      expect(transition).toBeNull();
    } else {
      expect(transition).toMatchObject({ from: status, event, to });
    }
  });

  it.each(["active", "rejected", "withdrawn"] as const)("terminal %s accepts no event", (status) => {
    for (const event of APPLICATION_EVENTS) expect(applicationTransition(status, event)).toBeNull();
  });

  it("every legal transition changes the status", () => {
    for (const { status, event } of LEGAL) expect(applicationTransition(status, event)!.to).not.toBe(status);
  });
});

describe("application transition effects", () => {
  it.each(LEGAL)(
    "$status + $event closes approval links first whenever it leaves awaiting_executive or sends a new link",
    ({ status, event }) => {
      const effects = kinds(applicationTransition(status, event)!.effects);
      // A new link replaces any older one, so sending implies closing first.
      if (status === "awaiting_executive" || effects.includes("send_approval_request")) {
        expect(effects.indexOf("close_approval_links")).toBe(0);
      } else if (effects.includes("close_approval_links")) {
        // Elsewhere closing is a safety net: after a decision, or when a resubmission's earlier
        // round must not be decided any more.
        expect(["ADMIN_APPROVED", "ADMIN_REJECTED", "RESUBMITTED_FOR_APPROVER"]).toContain(event);
      }
    },
  );

  it.each(LEGAL)("$status + $event grants a membership exactly on an approval", ({ status, event }) => {
    const effects = kinds(applicationTransition(status, event)!.effects);
    const grants = event === "EXECUTIVE_APPROVED" || event === "ADMIN_APPROVED";
    expect(effects.filter((k) => k === "grant_membership")).toHaveLength(grants ? 1 : 0);
  });

  it.each(LEGAL)(
    "$status + $event sends an approval request exactly when it reaches awaiting_executive",
    ({ status, event, to }) => {
      const effects = kinds(applicationTransition(status, event)!.effects);
      expect(effects.includes("send_approval_request")).toBe(to === "awaiting_executive");
    },
  );

  const NOTIFIED: Partial<Record<ApplicationEvent, string>> = {
    EXECUTIVE_APPROVED: "approved",
    ADMIN_APPROVED: "approved",
    EXECUTIVE_ENDORSED: "in_review",
    EXECUTIVE_REJECTED: "rejected",
    ADMIN_REJECTED: "rejected",
    ADMIN_RETURNED: "returned",
    EXPIRED: "expired",
  };
  it.each(LEGAL)("$status + $event notifies the applicant of decisions (and only of them)", ({ status, event }) => {
    const expected = NOTIFIED[event];
    expect(outcome(applicationTransition(status, event)!.effects)).toEqual(expected ? [expected] : []);
  });

  it("withdrawing closes the executive's link only where one can be open", () => {
    expect(kinds(applicationTransition("awaiting_executive", "WITHDRAWN")!.effects)).toEqual(["close_approval_links"]);
    expect(applicationTransition("awaiting_approver", "WITHDRAWN")!.effects).toEqual([]);
    expect(applicationTransition("returned", "WITHDRAWN")!.effects).toEqual([]);
    expect(applicationTransition("awaiting_review", "WITHDRAWN")!.effects).toEqual([]);
  });

  it("the first publish key has no side effects", () => {
    expect(applicationTransition("approved", "FIRST_KEY_ISSUED")!.effects).toEqual([]);
  });
});

describe("application status helpers", () => {
  it("the executive's approval goes to review only when the agency's policy asks for it", () => {
    expect(executiveApprovalEvent(true)).toBe("EXECUTIVE_ENDORSED");
    expect(executiveApprovalEvent(false)).toBe("EXECUTIVE_APPROVED");
    expect(applicationTransition("awaiting_executive", executiveApprovalEvent(true))!.to).toBe("awaiting_review");
    expect(applicationTransition("awaiting_executive", executiveApprovalEvent(false))!.to).toBe("approved");
  });

  it("a resubmission goes to the approvers, or to administrators when no approver is left", () => {
    expect(resubmissionEvent(true)).toBe("RESUBMITTED");
    expect(resubmissionEvent(false)).toBe("RESUBMITTED_FOR_APPROVER");
    for (const from of ["returned", "expired"] as const) {
      expect(applicationTransition(from, resubmissionEvent(true))!.to).toBe("awaiting_executive");
      expect(applicationTransition(from, resubmissionEvent(false))!.to).toBe("awaiting_approver");
    }
  });

  it("an application whose approvers all left waits for administrators, its links closed", () => {
    expect(applicationTransition("awaiting_executive", "APPROVERS_GONE")).toMatchObject({
      to: "awaiting_approver",
      effects: [{ kind: "close_approval_links" }],
    });
  });

  it.each(APPLICATION_STATUSES)("%s accepts an executive decision only while awaiting the executive", (status) => {
    expect(acceptsExecutiveDecision(status)).toBe(status === "awaiting_executive");
  });

  it.each(APPLICATION_STATUSES)("%s is open only before a decision (the one-open-application rule)", (status) => {
    expect(isOpenApplication(status)).toBe(
      ["awaiting_approver", "awaiting_executive", "awaiting_review", "returned"].includes(status),
    );
  });

  it("awaiting_approver is shown as awaiting_review; every other status as itself", () => {
    for (const status of APPLICATION_STATUSES) {
      expect(publicStatus(status)).toBe(status === "awaiting_approver" ? "awaiting_review" : status);
    }
  });

  it("filtering by a public status finds every stored status shown as it", () => {
    for (const status of APPLICATION_STATUSES) {
      expect(storedStatuses(publicStatus(status))).toContain(status);
    }
    expect(storedStatuses("awaiting_review").sort()).toEqual(["awaiting_approver", "awaiting_review"]);
    expect(storedStatuses("approved")).toEqual(["approved"]);
  });
});
