import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { FREE_FAILURES, waitAfterFailures } from "../../src/services/identity/code-failures";
import { Client, codeIn, lastMailTo, linkIn } from "../helpers/client";
import { applicationBody, createAgency, db, official, unique } from "../helpers/fixtures";
import { MINUTE, address, signInWith, startEmail, verifyEmail, wrongCode } from "../helpers/identity-auth";

// Codes that belong to someone (a user adding an address, an approval link's decision) are
// theirs alone: another user, or the holder of another link, can neither replace them nor make
// them wait. And once an address waits, a wait that ends lets one try through, not five.

let offset = 0;
const advance = (ms: number) => setDevClockOffset((offset += ms));
afterEach(() => setDevClockOffset((offset = 0)));

describe("adding an official address", () => {
  it("another user asking for the same address does not kill this user's code, nor make it wait", async () => {
    const a = await signInWith(new Client(), address());
    const b = await signInWith(new Client(), address());
    const target = `${unique("shared")}@mail.go.th`;
    expect((await a.json("POST", "/api/v1/me/emails", { email: target })).status).toBe(202);
    const codeA = codeIn(await lastMailTo(target));
    // B asks for the same address three times and guesses wrong fifteen times.
    for (let i = 0; i < 3; i++) {
      expect((await b.json("POST", "/api/v1/me/emails", { email: target })).status).toBe(202);
      const codeB = codeIn(await lastMailTo(target));
      for (let j = 0; j < 5; j++)
        await b.json("POST", "/api/v1/me/emails/verify", { email: target, code: wrongCode(codeB) });
    }
    // A's code lives on and is not held up by B's failures.
    const res = await a.json("POST", "/api/v1/me/emails/verify", { email: target, code: codeA });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});

describe("the stronger approval's decision code", () => {
  it("a leaked link of one application neither replaces nor holds up the code of another", async () => {
    const agency = await createAgency();
    await db.update(agencies).set({ strongerApproval: true }).where(eq(agencies.id, agency.id));
    const links: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { client } = await official(agency);
      expect((await client.json("POST", "/api/v1/applications", applicationBody(agency.id))).status).toBe(201);
      links.push(linkIn(await lastMailTo(agency.executiveEmail!), "/approvals"));
    }
    const [leaked, mine] = links as [string, string];
    expect((await new Client().form(mine, { decision: "approve" })).status).toBe(200);
    const myCode = codeIn(await lastMailTo(agency.executiveEmail!));
    // The attacker, holding only the leaked link, asks for codes and guesses.
    expect((await new Client().form(leaked, { decision: "reject" })).status).toBe(200);
    const theirs = codeIn(await lastMailTo(agency.executiveEmail!));
    for (let i = 0; i < 5; i++) await new Client().form(leaked, { decision: "reject", code: wrongCode(theirs) });
    const done = await new Client().form(mine, { decision: "approve", code: myCode });
    expect(done.status, await done.clone().text()).toBe(200);
  });
});

describe("a decision code confirms only its own decision", () => {
  it("whoever holds the link cannot turn the approver's reject into an approve with a code of their own", async () => {
    const agency = await createAgency();
    await db.update(agencies).set({ strongerApproval: true }).where(eq(agencies.id, agency.id));
    const { client } = await official(agency);
    const created = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
    const { application } = (await created.json()) as { application: { id: string } };
    const link = linkIn(await lastMailTo(agency.executiveEmail!), "/approvals");
    expect((await new Client().form(link, { decision: "reject", reason: "ไม่ใช่" })).status).toBe(200);
    const rejectCode = codeIn(await lastMailTo(agency.executiveEmail!));
    expect((await new Client().form(link, { decision: "approve" })).status).toBe(200); // the other holder
    const approveCode = codeIn(await lastMailTo(agency.executiveEmail!));
    // The approver's confirm page posts "reject"; the newest code (an approve) does not confirm it.
    expect((await new Client().form(link, { decision: "reject", code: approveCode })).status).toBe(400);
    expect(
      (
        (await (await client.fetch(`/api/v1/applications/${application.id}`)).json()) as {
          application: { status: string };
        }
      ).application.status,
    ).toBe("awaiting_executive");
    // The approver's own code still works, for the decision it was mailed for.
    expect((await new Client().form(link, { decision: "reject", code: rejectCode })).status).toBe(200);
    expect(
      (
        (await (await client.fetch(`/api/v1/applications/${application.id}`)).json()) as {
          application: { status: string };
        }
      ).application.status,
    ).toBe("rejected");
  });
});

describe("budgets that cannot be multiplied", () => {
  it(
    "accounts made from +tag variants of one address share one budget for guessing another address's code",
    { timeout: 60_000 },
    async () => {
      const base = unique("att");
      const target = `${unique("victim")}@mail.go.th`;
      let compared = 0;
      for (let k = 0; k < 6; k++) {
        advance(10 * MINUTE); // past the shared start limit (3 per 10 minutes)
        const attacker = await signInWith(new Client(), `${base}+${k}@mail.go.th`);
        expect((await attacker.json("POST", "/api/v1/me/emails", { email: target })).status).toBe(202);
        for (let i = 0; i < 5; i++) {
          const res = await attacker.json("POST", "/api/v1/me/emails/verify", { email: target, code: "000000" });
          if (res.status === 400) compared++;
        }
      }
      // Without one shared budget six accounts would compare 30 times; with it, the free tries and one per ended wait.
      expect(compared).toBeLessThanOrEqual(FREE_FAILURES + 2);
    },
  );

  it("several live sign-in codes spend the address's budget per comparison", async () => {
    const email = address();
    for (let i = 0; i < 3; i++) await startEmail(new Client(), email);
    for (let i = 0; i < 5; i++) await verifyEmail(new Client(), email, "000000");
    const [row] = (
      await env.DB.prepare("SELECT failures FROM code_failures WHERE key = ?")
        .bind(`email_sign_in:${email}`)
        .all<{ failures: number }>()
    ).results;
    expect(row!.failures).toBe(15);
  });
});

describe("the end of a wait", () => {
  it("lets one of many parallel guesses through, not five", { timeout: 60_000 }, async () => {
    const email = address();
    for (let i = 0; i < FREE_FAILURES / 5; i++) {
      advance(10 * MINUTE);
      await startEmail(new Client(), email);
      for (let j = 0; j < 5; j++) await verifyEmail(new Client(), email, "000000");
    }
    for (let round = 0; round < 4; round++) {
      advance(10 * MINUTE + waitAfterFailures(FREE_FAILURES + round + 1));
      await startEmail(new Client(), email);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => verifyEmail(new Client(), email, "000000").then((r) => r.status)),
      );
      expect(
        answers.filter((s) => s === 400),
        `round ${round}`,
      ).toHaveLength(1);
      expect(answers.filter((s) => s === 429)).toHaveLength(19);
    }
  });
});
