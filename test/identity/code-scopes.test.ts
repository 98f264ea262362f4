import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { FREE_FAILURES, waitAfterFailures } from "../../src/services/identity/one-time-codes";
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
      for (let j = 0; j < 5; j++) await b.json("POST", "/api/v1/me/emails/verify", { email: target, code: wrongCode(codeB) });
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
      const answers = await Promise.all(Array.from({ length: 20 }, () => verifyEmail(new Client(), email, "000000").then((r) => r.status)));
      expect(answers.filter((s) => s === 400), `round ${round}`).toHaveLength(1);
      expect(answers.filter((s) => s === 429)).toHaveLength(19);
    }
  });
});
