import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { SESSION_COOKIE } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo, linkIn } from "../helpers/client";
import { applicationBody, createAgency, db, official } from "../helpers/fixtures";
import { address, signInWith, startEmail, verifyEmail, wrongCode } from "../helpers/identity-auth";

// Rule (issue 7.1): an attempt is counted atomically before the comparison, so any number of
// parallel guesses compares a code at most 5 times in total: at most 5 answers are "compared"
// (a wrong code with `attemptsLeft`, or the success), all others are 429 too_many_attempts.

afterEach(() => setDevClockOffset(0));

interface Answer {
  status: number;
  code?: string;
  attemptsLeft?: number;
}

async function answer(res: Response): Promise<Answer> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; attemptsLeft?: number };
  return { status: res.status, code: body.code, attemptsLeft: body.attemptsLeft };
}

/** Answers that compared the code: a wrong code told its tries left, or a success. */
const compared = (answers: Answer[]) =>
  answers.filter((a) => a.status === 200 || (a.code === "invalid_code" && a.attemptsLeft !== undefined));

async function attemptsOf(email: string, purpose: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT attempts FROM one_time_tokens WHERE email = ? AND purpose = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
  )
    .bind(email, purpose)
    .first<{ attempts: number }>();
  return row!.attempts;
}

/** Each guess from its own client (own IP): per-IP limits play no part. */
const guessSignIn = (email: string, code: string) => verifyEmail(new Client(), email, code).then(answer);

describe("parallel guesses of an e-mail sign-in code", () => {
  it("20 wrong codes at once: exactly 5 are compared, 15 answer 429, and the code is dead afterwards", async () => {
    const email = address();
    await startEmail(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    const answers = await Promise.all(Array.from({ length: 20 }, () => guessSignIn(email, wrongCode(code))));
    expect(compared(answers)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429 && a.code === "too_many_attempts")).toHaveLength(15);
    expect(await attemptsOf(email, "email_sign_in")).toBe(5);
    const late = await guessSignIn(email, code);
    expect(late).toMatchObject({ status: 429, code: "too_many_attempts" });
  });

  it("12 wrong codes and the right one at once: at most 5 compared, at most one session", async () => {
    const email = address();
    await startEmail(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    const guesses = [...Array<string>(12).fill(wrongCode(code)), code].sort(() => Math.random() - 0.5);
    const answers = await Promise.all(guesses.map((g) => guessSignIn(email, g)));
    expect(compared(answers).length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
    expect(await attemptsOf(email, "email_sign_in")).toBeLessThanOrEqual(5);
  });

  it("tells how many tries are left after a wrong code", async () => {
    const email = address();
    await startEmail(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    expect(await guessSignIn(email, wrongCode(code))).toMatchObject({
      status: 400,
      code: "invalid_code",
      attemptsLeft: 4,
    });
    expect(await guessSignIn(email, wrongCode(code))).toMatchObject({
      status: 400,
      code: "invalid_code",
      attemptsLeft: 3,
    });
  });

  it("the fifth, last compared try may be the right code", async () => {
    const email = address();
    await startEmail(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    for (let i = 0; i < 4; i++) await guessSignIn(email, wrongCode(code));
    const client = new Client();
    expect((await verifyEmail(client, email, code)).status).toBe(200);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
  });
});

describe("parallel guesses of the other codes", () => {
  it("adding an official e-mail: 16 wrong codes at once compare the code 5 times", async () => {
    const user = await signInWith(new Client(), address());
    const added = address();
    expect((await user.json("POST", "/api/v1/me/emails", { email: added })).status).toBe(202);
    const code = codeIn(await lastMailTo(added));
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        user.json("POST", "/api/v1/me/emails/verify", { email: added, code: wrongCode(code) }).then(answer),
      ),
    );
    expect(compared(answers)).toHaveLength(5);
    expect(answers.filter((a) => a.code === "too_many_attempts")).toHaveLength(11);
    expect(await attemptsOf(added, "email_verify")).toBe(5);
    expect((await user.json("POST", "/api/v1/me/emails/verify", { email: added, code })).status).toBe(429);
  });

  it("the stronger approval's decision code: 16 wrong codes at once compare it 5 times, and the application waits", async () => {
    const agency = await createAgency();
    await db.update(agencies).set({ strongerApproval: true }).where(eq(agencies.id, agency.id));
    const { client } = await official(agency);
    expect((await client.json("POST", "/api/v1/applications", applicationBody(agency.id))).status).toBe(201);
    const link = linkIn(await lastMailTo(agency.executiveEmail!), "/approvals");
    expect((await new Client().form(link, { decision: "approve" })).status).toBe(200);
    const code = codeIn(await lastMailTo(agency.executiveEmail!));
    const statuses = await Promise.all(
      Array.from({ length: 16 }, () =>
        new Client().form(link, { decision: "approve", code: wrongCode(code) }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
    expect(await attemptsOf(agency.executiveEmail!, "approval_confirm")).toBe(5);
    expect((await new Client().form(link, { decision: "approve", code })).status).toBe(429);
  });
});

describe("property: whatever the interleaving, a code is compared at most 5 times", () => {
  it("holds for any sequence of parallel bursts of right and wrong guesses", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 4 }),
        async (bursts) => {
          const email = address();
          await startEmail(new Client(), email);
          const code = codeIn(await lastMailTo(email));
          const answers: Answer[] = [];
          for (const burst of bursts) {
            answers.push(
              ...(await Promise.all(burst.map((right) => guessSignIn(email, right ? code : wrongCode(code))))),
            );
          }
          const wrongCompared = answers.filter((a) => a.code === "invalid_code" && a.attemptsLeft !== undefined);
          const successes = answers.filter((a) => a.status === 200);
          expect(wrongCompared.length + successes.length).toBeLessThanOrEqual(5);
          expect(successes.length).toBeLessThanOrEqual(1);
          expect(await attemptsOf(email, "email_sign_in")).toBeLessThanOrEqual(5);
          // Every other answer refused without comparing (or found the code used by the winner).
          for (const a of answers) expect([200, 400, 429]).toContain(a.status);
        },
      ),
      { numRuns: 12 },
    );
  });
});
