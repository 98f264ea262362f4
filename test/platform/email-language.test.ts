import { describe, expect, it } from "vitest";
import { Client, lastMailTo } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, submit, type Applicant } from "../helpers/flow-approval";
import { outboxTo, rows, type Row } from "../helpers/db";

// Issue 10, item 1: e-mails in the recipient's language where it is known, both when it is not.

const THAI = /[\u0E00-\u0E7F]/;
/** The executive's name in the agency fixture: data, not template text. */
const EXECUTIVE_NAME = "ผู้อำนวยการ ทดสอบ";

async function choose(who: Applicant, lang: "th" | "en") {
  const res = await who.client.fetch(`/language?to=${lang}&back=/`);
  expect(res.status).toBe(303);
  const [user] = await rows("SELECT locale FROM users WHERE email = ?", who.email);
  expect(user?.locale).toBe(lang);
}

async function mailOf(address: string, template: string): Promise<Row> {
  const found = (await outboxTo(address)).filter((m) => m.template === template);
  expect(found, `${template} to ${address}`).toHaveLength(1);
  return found[0]!;
}

function expectEnglishOnly(mail: Row, data: string[] = []) {
  const strip = (s: unknown) => data.reduce((text, d) => text.split(d).join(""), String(s));
  expect(strip(mail.subject)).not.toMatch(THAI);
  expect(strip(mail.text)).not.toMatch(THAI);
  expect(strip(mail.html)).not.toMatch(THAI);
  expect(String(mail.html)).toContain('<html lang="en">');
}

function expectBoth(mail: Row) {
  expect(String(mail.subject)).toMatch(/^[\u0E00-\u0E7F].* \/ .*[A-Za-z]{3,}/);
  expect(String(mail.text)).toContain("Please do not reply.");
  expect(String(mail.text)).toContain("กรุณาอย่าตอบกลับ");
  expect(String(mail.html)).toContain('<html lang="th">');
}

describe("e-mails to a user of the system", () => {
  it("an applicant who chose English gets the receipt in English only; the executive gets the request in both", async () => {
    const agency = await createAgency();
    const who = await applicant(agency, { name: "Somchai Tester" });
    await choose(who, "en");
    const app = await submit(who, agency.id);
    const reference = (app as unknown as { reference: string }).reference;

    const receipt = await mailOf(who.email, "application_received");
    expect(receipt.subject).toBe(`Application ${reference} received (Test agency ${agency.id})`);
    expect(String(receipt.text)).toContain("Dear Somchai Tester,");
    expectEnglishOnly(receipt, [EXECUTIVE_NAME]);

    expectBoth(await mailOf(agency.executiveEmail!, "approval_request"));

    // The decision reaches the applicant in English too.
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    const approved = await mailOf(who.email, "application_approved");
    expect(String(approved.subject)).toMatch(/^Your data steward application was approved/);
    expectEnglishOnly(approved, [EXECUTIVE_NAME]);
  });

  it("an applicant who chose Thai gets Thai only; one who never chose gets both", async () => {
    const agency = await createAgency();
    const thai = await applicant(agency);
    await choose(thai, "th");
    await submit(thai, agency.id);
    const receipt = await mailOf(thai.email, "application_received");
    expect(String(receipt.subject)).not.toContain(" / ");
    expect(String(receipt.text)).not.toContain("Dear ");
    expect(String(receipt.text)).not.toContain("Please do not reply.");

    const other = await createAgency();
    const unknown = await applicant(other);
    await submit(unknown, other.id);
    expectBoth(await mailOf(unknown.email, "application_received"));
  });

  it("an address's confirmation code follows the user's choice, else the request's language", async () => {
    const agency = await createAgency();
    const who = await applicant(agency, { name: "Somchai Tester" });
    const added = `${unique("add")}@mail.go.th`;
    const ask = (headers: Record<string, string> = {}) =>
      who.client.json("POST", "/api/v1/me/emails", { email: added }, headers);

    expect((await ask({ "Accept-Language": "en" })).status).toBe(202);
    expectEnglishOnly((await lastMailTo(added)) as unknown as Row);

    await choose(who, "th");
    expect((await ask({ "Accept-Language": "en" })).status).toBe(202);
    const thai = await lastMailTo(added);
    expect(thai.subject).toBe("รหัสยืนยันอีเมลหน่วยงาน");
    expect(thai.text).not.toContain("Do not share this code");
  });
});

describe("the sign-in code e-mail", () => {
  it("is in the language of the request that asked for it (API)", async () => {
    const email = `${unique("lang")}@mail.go.th`;
    const res = await new Client().json(
      "POST",
      "/api/v1/auth/email/start",
      { email },
      { "Accept-Language": "en-GB,en;q=0.9,th;q=0.5" },
    );
    expect(res.status).toBe(202);
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Your steward sign-in code");
    expect(mail.text).toMatch(/\b\d{6}\b/);
    expectEnglishOnly(mail as unknown as Row);
  });

  it("is in the language of the sign-in page", async () => {
    const email = `${unique("lang")}@mail.go.th`;
    const res = await new Client().form("/signin", { email }, { "Accept-Language": "en" });
    expect(res.status).toBe(303);
    expectEnglishOnly((await lastMailTo(email)) as unknown as Row);

    const thai = `${unique("lang")}@mail.go.th`;
    const chosen = new Client();
    chosen.cookies.set("steward_lang", "th");
    expect((await chosen.form("/signin", { email: thai }, { "Accept-Language": "en" })).status).toBe(303);
    const mail = await lastMailTo(thai);
    expect(mail.subject).toBe("รหัสเข้าสู่ระบบ steward");
    expect(mail.text).not.toContain("Hello,");
    expect(mail.html).toContain('<html lang="th">');
  });
});
