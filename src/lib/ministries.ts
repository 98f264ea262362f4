// Thailand's ministry-level government bodies (public names), the parent an agency belongs to.
// Constitutional independent organs such as the Election Commission sit under no ministry:
// one extra entry names that case, so such agencies can be registered too.

export interface Ministry {
  /** Short code, e.g. "MOI"; stable, used by forms and CSV files. */
  code: string;
  th: string;
  en: string;
  /** The Thai official abbreviation, e.g. "มท.". */
  abbrTh: string | null;
}

export const MINISTRIES: readonly Ministry[] = [
  { code: "OPM", th: "สำนักนายกรัฐมนตรี", en: "Office of the Prime Minister", abbrTh: "นร." },
  { code: "MOD", th: "กระทรวงกลาโหม", en: "Ministry of Defence", abbrTh: "กห." },
  { code: "MOF", th: "กระทรวงการคลัง", en: "Ministry of Finance", abbrTh: "กค." },
  { code: "MFA", th: "กระทรวงการต่างประเทศ", en: "Ministry of Foreign Affairs", abbrTh: "กต." },
  { code: "MOTS", th: "กระทรวงการท่องเที่ยวและกีฬา", en: "Ministry of Tourism and Sports", abbrTh: "กก." },
  {
    code: "MSDHS",
    th: "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
    en: "Ministry of Social Development and Human Security",
    abbrTh: "พม.",
  },
  {
    code: "MHESI",
    th: "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
    en: "Ministry of Higher Education, Science, Research and Innovation",
    abbrTh: "อว.",
  },
  { code: "MOAC", th: "กระทรวงเกษตรและสหกรณ์", en: "Ministry of Agriculture and Cooperatives", abbrTh: "กษ." },
  { code: "MOT", th: "กระทรวงคมนาคม", en: "Ministry of Transport", abbrTh: "คค." },
  { code: "MDES", th: "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", en: "Ministry of Digital Economy and Society", abbrTh: "ดศ." },
  {
    code: "MNRE",
    th: "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    en: "Ministry of Natural Resources and Environment",
    abbrTh: "ทส.",
  },
  { code: "MOEN", th: "กระทรวงพลังงาน", en: "Ministry of Energy", abbrTh: "พน." },
  { code: "MOC", th: "กระทรวงพาณิชย์", en: "Ministry of Commerce", abbrTh: "พณ." },
  { code: "MOI", th: "กระทรวงมหาดไทย", en: "Ministry of Interior", abbrTh: "มท." },
  { code: "MOJ", th: "กระทรวงยุติธรรม", en: "Ministry of Justice", abbrTh: "ยธ." },
  { code: "MOL", th: "กระทรวงแรงงาน", en: "Ministry of Labour", abbrTh: "รง." },
  { code: "MCULT", th: "กระทรวงวัฒนธรรม", en: "Ministry of Culture", abbrTh: "วธ." },
  { code: "MOE", th: "กระทรวงศึกษาธิการ", en: "Ministry of Education", abbrTh: "ศธ." },
  { code: "MOPH", th: "กระทรวงสาธารณสุข", en: "Ministry of Public Health", abbrTh: "สธ." },
  { code: "MIND", th: "กระทรวงอุตสาหกรรม", en: "Ministry of Industry", abbrTh: "อก." },
  {
    code: "INDEPENDENT",
    th: "หน่วยงานที่ไม่สังกัดกระทรวง (องค์กรอิสระ)",
    en: "Not under a ministry (independent organs)",
    abbrTh: null,
  },
];

// Accepted spellings that differ from the public names above.
const ALIASES: Record<string, string> = {
  "ministry of the interior": "MOI",
  "ministry of defense": "MOD",
  "ministry of labor": "MOL",
  องค์กรอิสระ: "INDEPENDENT",
  independent: "INDEPENDENT",
};

const key = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
const bare = (s: string) => key(s).replace(/\./g, "");

const INDEX = new Map<string, Ministry>();
for (const m of MINISTRIES) {
  for (const name of [m.th, m.en]) INDEX.set(key(name), m);
  INDEX.set(bare(m.code), m);
  if (m.abbrTh) INDEX.set(bare(m.abbrTh), m);
}
for (const [alias, code] of Object.entries(ALIASES)) INDEX.set(key(alias), INDEX.get(bare(code))!);

/**
 * The ministry named by a Thai or English name, a code ("MOI") or a Thai abbreviation ("มท."),
 * ignoring case, surrounding and repeated spaces; null when unknown.
 */
export function findMinistry(name: string | null | undefined): Ministry | null {
  if (!name) return null;
  return INDEX.get(key(name)) ?? INDEX.get(bare(name)) ?? null;
}
