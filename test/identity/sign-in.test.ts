// One test file for several small ones (each `*.cases.ts` here): vitest-pool-workers starts a
// workerd runtime and loads the worker for every test file (about 12 s of CPU each), which
// is most of the suite's time. They share this file's D1 and hooks: each case file keeps to
// its own data (unique names) and declares no top-level beforeEach/afterEach.
import "./oidc-config.cases";
import "./sign-in-page.cases";
import "./session-rights.cases";
import "./sign-in-links.cases";
import "./code-page.cases";
import "./same-moment-accounts.cases";
