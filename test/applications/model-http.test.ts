import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { decide } from "../helpers/flow-approval";
import {
  checkInvariants,
  footprint,
  linkAnswer,
  newestLink,
  runCronPastDeadline,
  setupRun,
  transition,
  type AppModel,
  type AppReal,
} from "../helpers/model-application";
import { signInAdmin } from "../helpers/auth-db";

/**
 * Model-based test of the application workflow through HTTP: random sequences of executive
 * decisions, link scanners and replays, withdrawals, expiry, DGA review and resubmission,
 * each checked against the contract's model and the invariants of model-application.ts.
 */
type Cmd = fc.AsyncCommand<AppModel, AppReal>;

/** A link page: HTML, never cached, with the predicted status. */
async function expectLinkPage(res: Response, status: number): Promise<void> {
  const body = await res.text();
  expect(
    res.status,
    body
      .replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .slice(0, 200),
  ).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(res.headers.get("cache-control")).toContain("no-store");
}

/** An API answer: 200 with the application in the model's status, or 409 invalid_transition. */
async function expectApi(res: Response, ok: boolean, m: AppModel): Promise<void> {
  const body = (await res.json()) as { application?: { status: string }; code?: string };
  if (ok) {
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.application?.status).toBe(m.status);
  } else {
    expect(res.status, JSON.stringify(body)).toBe(409);
    expect(body.code).toBe("invalid_transition");
  }
}

/** Runs a request the model predicts to fail: it must change nothing. */
async function unchanged(r: AppReal, request: () => Promise<void>, global = true): Promise<void> {
  const before = await footprint(r, global);
  await request();
  expect(await footprint(r, global), "a refused request must change nothing").toEqual(before);
}

class ExecutiveDecide implements Cmd {
  constructor(readonly decision: "approve" | "reject") {}
  check = () => true;
  async run(m: AppModel, r: AppReal) {
    const i = m.round - 1;
    const expected = linkAnswer(m, i);
    if (expected !== 200) {
      await unchanged(r, async () => expectLinkPage(await decide(r.links[i]!, this.decision), expected));
    } else {
      await expectLinkPage(await decide(r.links[i]!, this.decision), 200);
      m.used[i] = true;
      m.executiveDecisions++;
      if (this.decision === "reject") transition(m, "rejected", "rejected");
      else if (m.review) transition(m, "awaiting_review", "in_review");
      else transition(m, "approved", "approved");
    }
    await checkInvariants(m, r);
  }
  toString = () => `Executive${this.decision === "approve" ? "Approve" : "Reject"}`;
}

/** A mail scanner or preview following a link: the newest one, or (pick >= 0) any earlier one. */
class Scanner implements Cmd {
  constructor(
    readonly method: "GET" | "HEAD",
    readonly pick = -1,
  ) {}
  check = (m: Readonly<AppModel>) => this.pick < 0 || m.round > 1;
  async run(m: AppModel, r: AppReal) {
    const i = this.pick < 0 ? m.round - 1 : this.pick % (m.round - 1);
    await unchanged(r, async () =>
      expectLinkPage(await new Client().fetch(r.links[i]!, { method: this.method }), linkAnswer(m, i)),
    );
    await checkInvariants(m, r);
  }
  toString = () => `Scanner${this.method === "GET" ? "Get" : "Head"}${this.pick < 0 ? "" : `(old ${this.pick})`}`;
}

/** Posts a decision on a link that is used or dead (an older round's, or the newest once closed). */
class ReplayPost implements Cmd {
  constructor(
    readonly pick: number,
    readonly decision: "approve" | "reject",
  ) {}
  dead = (m: Readonly<AppModel>) => m.used.map((_, i) => i).filter((i) => linkAnswer(m, i) !== 200);
  check = (m: Readonly<AppModel>) => this.dead(m).length > 0;
  async run(m: AppModel, r: AppReal) {
    const dead = this.dead(m);
    const i = dead[this.pick % dead.length]!;
    await unchanged(r, async () => {
      await expectLinkPage(await decide(r.links[i]!, this.decision), linkAnswer(m, i));
      await expectLinkPage(await new Client().fetch(r.links[i]!), linkAnswer(m, i));
    });
    await checkInvariants(m, r);
  }
  toString = () => `ReplayPost(${this.pick}, ${this.decision})`;
}

class Withdraw implements Cmd {
  check = () => true;
  async run(m: AppModel, r: AppReal) {
    const request = () => r.who.client.json("POST", `/api/v1/applications/${r.applicationId}/withdraw`, {});
    if (["awaiting_executive", "awaiting_review", "returned"].includes(m.status)) {
      transition(m, "withdrawn");
      await expectApi(await request(), true, m);
    } else {
      await unchanged(r, async () => expectApi(await request(), false, m));
    }
    await checkInvariants(m, r);
  }
  toString = () => "Withdraw";
}

class Expire implements Cmd {
  check = () => true;
  async run(m: AppModel, r: AppReal) {
    if (m.status === "awaiting_executive") {
      await runCronPastDeadline(r);
      transition(m, "expired", "expired");
    } else {
      await unchanged(r, () => runCronPastDeadline(r), false);
    }
    await checkInvariants(m, r);
  }
  toString = () => "Expire";
}

const REVIEW = {
  approve: ["approved", "approved"],
  reject: ["rejected", "rejected"],
  return: ["returned", "returned"],
} as const;

class AdminReview implements Cmd {
  constructor(readonly decision: keyof typeof REVIEW) {}
  check = () => true;
  async run(m: AppModel, r: AppReal) {
    const body = this.decision === "return" ? { reason: "กรุณาแก้ไขเหตุผล / please revise" } : {};
    const request = () => r.admin.json("POST", `/api/v1/admin/applications/${r.applicationId}/${this.decision}`, body);
    if (m.status === "awaiting_review") {
      const [to, outcome] = REVIEW[this.decision];
      transition(m, to, outcome);
      await expectApi(await request(), true, m);
    } else {
      await unchanged(r, async () => expectApi(await request(), false, m));
    }
    await checkInvariants(m, r);
  }
  toString = () => `Admin${this.decision[0]!.toUpperCase()}${this.decision.slice(1)}`;
}

class Resubmit implements Cmd {
  check = () => true;
  async run(m: AppModel, r: AppReal) {
    const request = () =>
      r.who.client.json("POST", `/api/v1/applications/${r.applicationId}/resubmit`, { reason: "ยื่นใหม่ / resubmitted" });
    if (m.status === "returned" || m.status === "expired") {
      transition(m, "awaiting_executive");
      m.round++;
      m.used.push(false);
      await expectApi(await request(), true, m);
      await footprint(r); // lets the new request e-mail settle
      const link = await newestLink(r.executiveEmail);
      expect(r.links).not.toContain(link);
      r.links.push(link);
      // Older links of it are dead: 409, whatever they answered before.
      for (const old of r.links.slice(0, -1)) await expectLinkPage(await new Client().fetch(old), 409);
    } else {
      await unchanged(r, async () => expectApi(await request(), false, m));
    }
    await checkInvariants(m, r);
  }
  toString = () => "Resubmit";
}

const decision = fc.constantFrom("approve" as const, "reject" as const);
const commands = [
  decision.map((d) => new ExecutiveDecide(d)),
  fc.constant(new ExecutiveDecide("approve")),
  fc.constant(new ExecutiveDecide("approve")),
  fc.constantFrom("GET" as const, "HEAD" as const).map((method) => new Scanner(method)),
  fc
    .tuple(fc.constantFrom("GET" as const, "HEAD" as const), fc.nat(7))
    .map(([method, pick]) => new Scanner(method, pick)),
  fc.tuple(fc.nat(7), decision).map(([pick, d]) => new ReplayPost(pick, d)),
  fc.constant(new Withdraw()),
  fc.constant(new Expire()),
  fc.constant(new Expire()),
  fc.constantFrom("approve" as const, "reject" as const, "return" as const).map((d) => new AdminReview(d)),
  fc.constant(new AdminReview("return")),
  fc.constant(new AdminReview("return")),
  fc.constant(new Resubmit()),
  fc.constant(new Resubmit()),
];

/** Paths deep enough that random sequences of 12 reach them only now and then: always run. */
const approve = new ExecutiveDecide("approve");
const reject = new ExecutiveDecide("reject");
const examples: [boolean, Cmd[]][] = [
  [
    true,
    [
      approve,
      new Scanner("GET"),
      new AdminReview("return"),
      new Resubmit(),
      new ReplayPost(0, "approve"),
      new Scanner("HEAD", 0),
      approve,
      new AdminReview("approve"),
      new Withdraw(),
      new Resubmit(),
    ],
  ],
  [
    false,
    [
      new Expire(),
      new Withdraw(),
      new Scanner("GET"),
      new Resubmit(),
      new ReplayPost(0, "reject"),
      reject,
      new ReplayPost(1, "approve"),
      new Resubmit(),
      new Withdraw(),
    ],
  ],
  [
    true,
    [
      new Expire(),
      new Resubmit(),
      approve,
      new AdminReview("return"),
      new Withdraw(),
      new Resubmit(),
      new Expire(),
      new Scanner("GET", 1),
    ],
  ],
  [true, [approve, new AdminReview("reject"), new AdminReview("approve"), new Resubmit(), approve, new Withdraw()]],
  [false, [new Withdraw(), approve, new Expire(), new Resubmit(), new AdminReview("approve"), new Withdraw()]],
];

describe("application workflow through HTTP (model-based)", () => {
  it("matches the model and keeps its invariants under random command sequences", async () => {
    const admin = await signInAdmin();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(true, true, false),
        fc.commands(commands, { maxCommands: 12, size: "max" }),
        async (review, cmds) => {
          await fc.asyncModelRun(() => setupRun(review, admin), cmds);
        },
      ),
      // Requests through `exports` slow down as a file makes more of them (workers-sdk#15446):
      // keep the runs few, and let fast-check report its best counterexample before the timeout.
      { numRuns: 25, examples, interruptAfterTimeLimit: 75_000 },
    );
  }, 100_000);
});
