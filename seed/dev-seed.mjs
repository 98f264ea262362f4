// Development seed data: real Thai agencies (public names and domains only), placeholder
// executive addresses on their domains, the current terms of use, the administrator.
// `npm run db:seed` turns it into idempotent SQL (scripts/seed.mjs) and applies it locally.

export const agencies = [
  {
    id: "agc_dga",
    nameTh: "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
    nameEn: "Digital Government Development Agency (Public Organization)",
    ministryTh: "สำนักนายกรัฐมนตรี",
    ministryEn: "Office of the Prime Minister",
    domains: ["dga.or.th"],
    executive: { name: "ผู้อำนวยการ สพร. (ตัวอย่าง)", position: "ผู้อำนวยการ / President", email: "executive@dga.or.th" },
    reviewRequired: false,
  },
  {
    id: "agc_nso",
    nameTh: "สำนักงานสถิติแห่งชาติ",
    nameEn: "National Statistical Office",
    ministryTh: "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    ministryEn: "Ministry of Digital Economy and Society",
    domains: ["nso.go.th"],
    executive: { name: "ผู้อำนวยการสำนักงานสถิติแห่งชาติ (ตัวอย่าง)", position: "ผู้อำนวยการ / Director-General", email: "executive@nso.go.th" },
    reviewRequired: true,
  },
  {
    id: "agc_mdes",
    nameTh: "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    nameEn: "Office of the Permanent Secretary, Ministry of Digital Economy and Society",
    ministryTh: "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    ministryEn: "Ministry of Digital Economy and Society",
    domains: ["mdes.go.th"],
    // No executive on file: applications wait for an administrator to confirm the approver.
    executive: null,
    reviewRequired: false,
  },
  {
    id: "agc_bma",
    nameTh: "กรุงเทพมหานคร",
    nameEn: "Bangkok Metropolitan Administration",
    ministryTh: "กระทรวงมหาดไทย",
    ministryEn: "Ministry of Interior",
    domains: ["bangkok.go.th"],
    executive: { name: "ผู้ว่าราชการกรุงเทพมหานคร (ตัวอย่าง)", position: "ผู้ว่าราชการ / Governor", email: "executive@bangkok.go.th" },
    reviewRequired: false,
  },
];

export const terms = {
  version: "2026-01",
  titleTh: "ข้อตกลงการใช้งาน Data.go.th สำหรับผู้ดูแลข้อมูล",
  titleEn: "Data.go.th terms of use for data stewards",
  effectiveAt: "2026-01-01T00:00:00+07:00",
  bodyTh: [
    "1. ท่านเป็นเจ้าหน้าที่ของหน่วยงานที่ท่านสมัครเป็นผู้ดูแลข้อมูล และได้รับความเห็นชอบจากผู้บริหารสูงสุดของหน่วยงานให้เผยแพร่ข้อมูลในนามของหน่วยงาน",
    "2. ข้อมูลที่เผยแพร่ต้องเป็นข้อมูลที่หน่วยงานมีสิทธิ์เปิดเผย ไม่มีข้อมูลส่วนบุคคล ข้อมูลลับของทางราชการ หรือข้อมูลที่ละเมิดสิทธิ์ของผู้อื่น ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 และกฎหมายที่เกี่ยวข้อง",
    "3. ชุดข้อมูลที่เผยแพร่บน Data.go.th อยู่ภายใต้สัญญาอนุญาตเปิดข้อมูลภาครัฐ (Open Government Licence) ของ สพร. เว้นแต่ระบุไว้เป็นอย่างอื่น: ผู้ใช้นำไปใช้ ทำซ้ำ ดัดแปลง และเผยแพร่ต่อได้ รวมถึงเพื่อการค้า โดยต้องอ้างอิงแหล่งที่มา",
    "4. ท่านดูแลให้ชุดข้อมูลถูกต้อง เป็นปัจจุบัน และมีคำอธิบายข้อมูล (metadata) ครบถ้วน และแก้ไขเมื่อพบข้อผิดพลาด",
    "5. กุญแจ API เป็นความลับของท่าน ห้ามเปิดเผยหรือส่งต่อ หากสงสัยว่ารั่วไหลให้เพิกถอนทันที การใช้งาน API ต้องเป็นไปตามนโยบายการใช้งาน API ของ Data.go.th",
    "6. สพร. อาจระงับหรือเพิกถอนสิทธิ์ผู้ดูแลข้อมูลเมื่อมีการใช้งานที่ขัดต่อข้อตกลงนี้ หรือเมื่อหน่วยงานแจ้งเปลี่ยนผู้ดูแลข้อมูล การดำเนินการทุกอย่างถูกบันทึกไว้เพื่อการตรวจสอบ",
  ].join("\n\n"),
  bodyEn: [
    "1. You are an official of the agency you apply to steward for, and its chief executive has agreed that you publish data on its behalf.",
    "2. You publish only data that the agency may disclose: no personal data, no classified information, nothing that infringes the rights of others, in line with the Personal Data Protection Act B.E. 2562 (2019) and related laws.",
    "3. Datasets on Data.go.th are published under DGA's Open Government Licence unless stated otherwise: anyone may use, copy, adapt and redistribute them, commercially too, provided they credit the source.",
    "4. You keep the datasets accurate, up to date and fully described (metadata), and correct errors when they are found.",
    "5. Your API keys are secret: do not disclose or share them, and revoke a key at once if you suspect a leak. API use follows the Data.go.th API usage policy.",
    "6. DGA may suspend or revoke steward rights when use breaches these terms or when the agency names another steward. Every action is recorded for audit.",
  ].join("\n\n"),
};

export const admins = ["admin@dga.or.th"];
