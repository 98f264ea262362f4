import { describe, expect, it } from "vitest";
import { Client, lastMailTo } from "../helpers/client";
import { applicationBody, createAgency, official } from "../helpers/fixtures";

describe("smoke", () => {
  it("signs in, applies, and the executive gets a link", async () => {
    const agency = await createAgency();
    const { client } = await official(agency);
    const res = await client.json("POST", "/api/v1/applications", applicationBody(agency.id));
    expect(res.status).toBe(201);
    const mail = await lastMailTo(agency.executiveEmail!);
    expect(mail.text).toContain("/approvals/");
    const me = await client.fetch("/api/v1/me");
    expect(me.status).toBe(200);
    expect(new Client()).toBeTruthy();
  });
});
