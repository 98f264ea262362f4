import { afterEach, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, lastMailTo, linkIn } from "../helpers/client";
import { applicationBody, createAgency, official } from "../helpers/fixtures";

const SESSION = "steward_session";

describe("a change of rights gives the session a new id", () => {
  afterEach(() => setDevClockOffset(0));

  it("renews the applicant's session when the executive approves, and retires the old id", async () => {
    const agency = await createAgency();
    const { client } = await official(agency);
    expect((await client.json("POST", "/api/v1/applications", applicationBody(agency.id))).status).toBe(201);
    const before = client.cookies.get(SESSION)!;
    const unchanged = await client.fetch("/api/v1/me");
    expect(unchanged.headers.get("set-cookie")).toBeNull();

    const link = linkIn(await lastMailTo(agency.executiveEmail!), "/approvals");
    expect((await new Client().form(link, { decision: "approve" })).status).toBe(200);

    const renewed = await client.fetch("/api/v1/me");
    expect(renewed.status).toBe(200);
    const after = client.cookies.get(SESSION)!;
    expect(after).not.toBe(before);
    expect(after.split(".")[0]).not.toBe(before.split(".")[0]);
    const body = (await renewed.json()) as { roles: { status: string }[] };
    expect(body.roles).toEqual([expect.objectContaining({ status: "active" })]);

    // The old id serves requests already in flight for a few seconds, then stops.
    const stale = new Client();
    stale.cookies.set(SESSION, before);
    expect((await stale.fetch("/api/v1/me")).status).toBe(200);
    expect(stale.cookies.get(SESSION)).toBe(before);
    setDevClockOffset(31_000);
    expect((await stale.fetch("/api/v1/me")).status).toBe(401);
    expect((await client.fetch("/api/v1/me")).status).toBe(200);
  });
});
