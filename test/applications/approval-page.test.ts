import { afterEach, describe, expect, it } from "vitest";
import { DAY } from "../../src/lib/clock";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { SUPPORT } from "../../src/text/catalogue";
import { Client } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, submit } from "../helpers/flow-approval";
import { snapshot } from "../helpers/db";

// The executive's page in one language (Thai unless their browser or the switch asks for
// English), what its first screen holds, and its form's errors (GOV.UK's pattern).

afterEach(() => setDevClockOffset(0));

const HEADING = { th: "ขออนุมัติผู้ดูแลข้อมูลของหน่วยงาน", en: "Approval request: agency data steward" };

async function pending(reason = `เผยแพร่ชุดข้อมูล reason-${unique()}`) {
  const agency = await createAgency();
  const who = await applicant(agency);
  const application = await submit(who, agency.id, { reason, position: "นักวิชาการคอมพิวเตอร์" });
  return { agency, who, application, reason, link: await approvalLink(agency.executiveEmail!) };
}

async function html(res: Response, status = 200): Promise<string> {
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(status);
  return body;
}

const main = (page: string) => page.slice(page.indexOf("<main"), page.indexOf("</main>"));

describe("the approval page's language", () => {
  it("is Thai by default and English when the browser asks for it, without printing either twice", async () => {
    const { agency, link } = await pending();
    const th = await html(await new Client().fetch(link));
    expect(th).toContain('<html lang="th">');
    expect(th).toContain(HEADING.th);
    expect(th).not.toContain(HEADING.en);
    expect(th).toContain(`หน่วยงานทดสอบ ${agency.id}`);
    expect(th).not.toContain(`Test agency ${agency.id}`);
    expect(main(th)).toMatch(/>อนุมัติ</);
    expect(main(th)).not.toMatch(/>Approve</);

    for (const language of ["en", "en-GB,en;q=0.9,th;q=0.5"]) {
      const en = await html(await new Client().fetch(link, { headers: { "Accept-Language": language } }));
      expect(en).toContain('<html lang="en">');
      expect(en).toContain(HEADING.en);
      expect(en).not.toContain(HEADING.th);
      expect(en).toContain(`Test agency ${agency.id}`);
      expect(en).not.toContain(`หน่วยงานทดสอบ ${agency.id}`);
      expect(main(en)).toMatch(/>Approve</);
      expect(main(en)).not.toMatch(/>อนุมัติ</);
    }
    const preferThai = await html(await new Client().fetch(link, { headers: { "Accept-Language": "th,en;q=0.8" } }));
    expect(preferThai).toContain(HEADING.th);
  });

  it("follows the language switch (a cookie), over the browser's wish, and changes nothing", async () => {
    const { link } = await pending();
    const before = await snapshot();
    const executive = new Client();
    const switched = await executive.fetch(`/language?to=en&back=${encodeURIComponent(link)}`);
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe(link);
    expect(await html(await executive.fetch(link, { headers: { "Accept-Language": "th" } }))).toContain(HEADING.en);
    const back = new Client();
    back.cookies.set("steward_lang", "th");
    expect(await html(await back.fetch(link, { headers: { "Accept-Language": "en" } }))).toContain(HEADING.th);
    expect(await snapshot()).toEqual(before);
  });

  it("gives the thank-you and dead-end pages in one language too, each dead end with DGA's contact", async () => {
    const { link } = await pending();
    const done = await html(await decide(link, "approve", undefined, { "Accept-Language": "en" }));
    expect(done).toContain("Thank you, your decision is recorded");
    expect(done).not.toContain("ขอบคุณ");

    const decided = await html(await new Client().fetch(link), 409);
    expect(decided).toContain("คำขอนี้ได้รับการตัดสินใจแล้ว");
    expect(decided).not.toContain("already decided");
    const unknown = await html(await new Client().fetch(`/approvals/${"x".repeat(43)}`), 404);
    const expired = await (async () => {
      const other = await pending();
      setDevClockOffset(15 * DAY);
      return html(await new Client().fetch(other.link, { headers: { "Accept-Language": "en" } }), 410);
    })();
    expect(expired).toContain("This link has expired");
    expect(expired).not.toContain("ลิงก์นี้หมดอายุแล้ว");
    for (const page of [decided, unknown, expired]) {
      expect(main(page)).toContain(SUPPORT.phone);
      expect(main(page)).toContain(`mailto:${SUPPORT.email}`);
    }
  });
});

describe("the approval page's first screen", () => {
  it("says who asks, for what, why and by when, then the two buttons; the longer explanation comes after", async () => {
    const long = `ขอเผยแพร่ชุดข้อมูลงบประมาณและการจัดซื้อจัดจ้างของหน่วยงานทุกเดือน ${"และข้อมูลสถิติการให้บริการประชาชน ".repeat(8)}end-${unique()}`;
    const { agency, who, link } = await pending(long);
    const page = main(await html(await new Client().fetch(link)));
    const at = (text: string) => {
      const i = page.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const first = [
      at(who.name),
      at("นักวิชาการคอมพิวเตอร์"),
      at("ขอเป็นผู้ดูแลข้อมูล"),
      at(`หน่วยงานทดสอบ ${agency.id}`),
      at(long.slice(0, 40)),
      at("โปรดตัดสินใจภายใน"),
      at('value="approve"'),
      at('value="reject"'),
    ];
    expect(first).toEqual([...first].sort((a, b) => a - b));
    const buttons = Math.max(...first);
    // The reason is shortened on the first screen; the whole of it comes after the buttons.
    expect(at(long)).toBeGreaterThan(buttons);
    expect(page.slice(0, buttons)).toContain("…");
    for (const later of ["ผู้ดูแลข้อมูลทำอะไร", "การอนุมัติหมายถึงอะไร", "รายละเอียดคำขอ", "ผู้มีอำนาจตัดสินใจ"])
      expect(at(later), later).toBeGreaterThan(buttons);
    // How to check the request is genuine: DGA's own number, after the buttons.
    expect(at("หากไม่แน่ใจว่าคำขอนี้เป็นของจริง")).toBeGreaterThan(buttons);
    expect(page).toContain(`href="${SUPPORT.phoneHref}"`);
  });

  it("quotes a short reason whole, with no link to read more", async () => {
    const { link, reason } = await pending();
    const page = main(await html(await new Client().fetch(link)));
    expect(page).toContain(`“${reason}”`);
    expect(page).not.toContain('href="#full-reason"');
  });
});

describe("the decision form's errors", () => {
  it("a comment too long: summary linking the field, its message, aria-invalid, the title's prefix; typed text kept, nothing changed", async () => {
    const { link } = await pending();
    const typed = `ยาวเกินไป ${"ก".repeat(2001)}`;
    const before = await snapshot();
    const page = await html(await decide(link, "reject", typed), 400);
    expect(await snapshot()).toEqual(before);
    expect(page).toMatch(/<title>ข้อผิดพลาด: /);
    expect(page).toMatch(/<div class="error-summary"[^>]*>[\s\S]*href="#reason"[\s\S]*<\/div>/);
    expect(page).toContain('id="reason-error"');
    expect(page).toContain("เขียนความเห็นไม่เกิน 2,000 ตัวอักษร");
    const textarea = /<textarea\b[^>]*>([\s\S]*?)<\/textarea>/.exec(page)!;
    expect(textarea[0]).toContain('aria-invalid="true"');
    expect(textarea[0]).toMatch(/aria-describedby="reason-hint reason-error"/);
    expect(textarea[1]).toBe(typed);
    // The summary comes first in <main>, before the heading.
    expect(main(page).indexOf("error-summary")).toBeLessThan(main(page).indexOf("<h1"));

    const en = await html(await decide(link, "reject", typed, { "Accept-Language": "en" }), 400);
    expect(en).toMatch(/<title>Error: /);
    expect(en).toContain("Keep your comment to 2,000 characters or fewer");
  });

  it("the page without a problem has no summary and no invalid field", async () => {
    const { link } = await pending();
    const page = await html(await new Client().fetch(link));
    expect(page).not.toContain("error-summary");
    expect(page).not.toContain("aria-invalid");
    expect(page).not.toMatch(/<title>ข้อผิดพลาด/);
  });
});
