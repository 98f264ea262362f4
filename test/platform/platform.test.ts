// One test file for several small ones (each `*.cases.ts` here): vitest-pool-workers starts a
// workerd runtime and loads the worker for every test file (about 12 s of CPU each), which
// is most of the suite's time. They share this file's D1 and hooks: each case file keeps to
// its own data (unique names) and declares no top-level beforeEach/afterEach.
import "./emails.cases";
import "./email-templates-language.cases";
import "./body-limit.cases";
import "./openapi.cases";
import "./secret-bodies.cases";
import "./smoke.cases";
import "./security-headers.cases";
import "./scheduled-handler.cases";
import "./same-moment.cases";
