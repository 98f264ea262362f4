/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import sample from "../../seed/agencies-sample.csv?raw";
// @ts-ignore: plain JavaScript seed data, without type declarations
import { agencies as devSeedAgencies } from "../../seed/dev-seed.mjs";
import type { Client } from "../helpers/client";
import { signInAdmin } from "../helpers/auth-db";
import { agencyCount, ensureDevSeedAgencies, importCsv, importReport } from "../helpers/agencies-api";

// seed/agencies-sample.csv is shipped for development: it must import cleanly next to the dev seed.

let admin: Client;
beforeAll(async () => {
  await ensureDevSeedAgencies();
  admin = await signInAdmin();
});

describe("seed/agencies-sample.csv", () => {
  it("holds 10 to 20 agencies on public government domains, none of the dev seed's", () => {
    const rows = sample.trim().split(/\r?\n/).slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(20);
    const seedDomains = devSeedAgencies.flatMap((a: { domains: string[] }) => a.domains);
    expect(seedDomains).toEqual(["dga.or.th", "nso.go.th", "mdes.go.th", "bangkok.go.th"]);
    for (const domain of seedDomains)
      expect(sample).not.toMatch(new RegExp(`[,;\\s]${domain.replaceAll(".", "\\.")}[,;\\s]`));
  });

  it("imports every row into a database with the dev seed's agencies, and not twice", async () => {
    const before = await agencyCount();
    const report = await importReport(await importCsv(admin, sample), 200);
    const invalid = report.rows.filter((r) => r.status !== "imported");
    expect(invalid).toEqual([]);
    expect(report.skipped).toBe(0);
    expect(report.imported).toBe(report.rows.length);
    expect(await agencyCount()).toBe(before + report.imported);

    const tmd = (await (await admin.fetch("/api/v1/agencies?q=tmd.go.th")).json()) as {
      agencies: { nameTh: string; domains: string[] }[];
    };
    expect(tmd.agencies).toEqual([expect.objectContaining({ nameTh: "กรมอุตุนิยมวิทยา", domains: ["tmd.go.th"] })]);

    const again = await importReport(await importCsv(admin, sample), 422);
    expect(again.imported).toBe(0);
    expect(
      again.rows.every(
        (r) =>
          r.status === "invalid" &&
          r.errors.some((e) => e.field === "domains") &&
          r.errors.some((e) => e.field === "nameTh"),
      ),
    ).toBe(true);
    expect(await agencyCount()).toBe(before + report.imported);
  });
});
