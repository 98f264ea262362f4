import { describe, expect, it } from "vitest";
import { MINISTRIES, findMinistry } from "../../src/lib/ministries";

describe("the ministries", () => {
  it("lists the Office of the Prime Minister and the 19 ministries, plus bodies under no ministry, each once", () => {
    const ministries = MINISTRIES.filter((m) => m.th.startsWith("กระทรวง"));
    expect(ministries).toHaveLength(19);
    expect(MINISTRIES.map((m) => m.code)).toContain("OPM");
    expect(MINISTRIES).toHaveLength(21);
    for (const key of ["code", "th", "en"] as const)
      expect(new Set(MINISTRIES.map((m) => m[key].toLowerCase())).size).toBe(MINISTRIES.length);
    for (const m of ministries) expect(m.en).toMatch(/^Ministry of /);
  });

  it("finds one by Thai or English name, code or Thai abbreviation, ignoring case and spaces", () => {
    const interior = MINISTRIES.find((m) => m.code === "MOI");
    for (const name of [
      "กระทรวงมหาดไทย",
      "  กระทรวงมหาดไทย ",
      "Ministry of Interior",
      "MINISTRY  OF interior",
      "ministry of the interior",
      "moi",
      " MOI ",
      "มท.",
      "มท",
    ]) {
      expect(findMinistry(name), name).toBe(interior);
    }
    expect(findMinistry("สำนักนายกรัฐมนตรี")?.en).toBe("Office of the Prime Minister");
    expect(findMinistry("Office of the prime minister")?.code).toBe("OPM");
    expect(findMinistry("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม")?.code).toBe("MHESI");
    expect(findMinistry("องค์กรอิสระ")?.code).toBe("INDEPENDENT");
  });

  it("knows no other name", () => {
    for (const name of [
      "",
      "   ",
      "กระทรวง",
      "Ministry",
      "Ministry of Magic",
      "MO",
      "กระทรวงมหาดไทยใหม่",
      null,
      undefined,
    ])
      expect(findMinistry(name), String(name)).toBeNull();
  });
});
