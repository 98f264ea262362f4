import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse, deliverPortalAfterResponse } from "../../../middleware/after-commit";
import { importAgenciesCsv } from "../../../services/agencies/csv-import";
import {
  EMPTY_AGENCY,
  createAgencyEntry,
  getAgencyRecord,
  listAgencyRecords,
  updateAgencyEntry,
} from "../../../services/agencies/directory";
import { AgencyFormPage, type AgencyFormValues } from "../../../views/agencies/agency-form-page";
import { AgencyImportPage } from "../../../views/agencies/agency-import-page";
import { AgencyListPage } from "../../../views/agencies/agency-list-page";
import { agencyPeople } from "../../../services/applications/stewards";
import { expireKeys, liveKeysIn } from "../../../services/keys/forced-expiry";
import { stewardJson } from "../../admin/serializers";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import type { FormProblem } from "../../../views/platform/form-problem";
import { confirmAction, doneKey } from "../platform/confirm-form";
import { attempt, formBody, formFields, layoutUser, pageUser, doneOf } from "../helpers";
import { formValues, inputOf, valuesOf } from "./agency-form-values";
import { agencyProblem, nothingToImport, rowsInvalid, unreadableImport } from "./agency-problems";
import { pick } from "../../../text/language";
import { html } from "../render";

/** The agency directory pages for DGA administrators; they save through the API's services. */
export const adminAgencyPages = new Hono<AppEnv>();

function requirePageAdmin(c: Context<AppEnv>): User {
  const user = pageUser(c);
  if (!user.isAdmin) throw new AppError("forbidden", { th: "สำหรับผู้ดูแลระบบเท่านั้น", en: "Administrators only." });
  return user;
}

/** The agency form (new when `id` is null), with the refusal's field errors and its status. */
async function renderForm(
  c: Context<AppEnv>,
  user: User,
  form: { id: string | null; values: AgencyFormValues; error?: AppError | null; saved?: boolean },
) {
  const { id, values, error = null, saved = false } = form;
  const people = id ? await agencyPeople(c.var.deps, id) : null;
  c.header("Cache-Control", "no-store");
  const page = (
    <AgencyFormPage
      user={layoutUser(user)}
      id={id}
      values={values}
      problem={error ? agencyProblem(error, values) : null}
      saved={saved}
      notice={doneOf(c, ADMIN_DONE)}
      people={
        people
          ? {
              stewards: people.stewards.map(stewardJson),
              openApplications: people.openApplications.map((a) => ({
                ...a,
                createdAt: new Date(a.createdAt).toISOString(),
              })),
            }
          : null
      }
    />
  );
  return html(c, page, (error?.status ?? 200) as ContentfulStatusCode);
}

adminAgencyPages.get("/admin/agencies", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { agencies, hasNext } = await listAgencyRecords(c.var.deps.db, { q, page: pageNumber });
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <AgencyListPage user={layoutUser(user)} agencies={agencies} q={q} page={pageNumber} hasNext={hasNext} />,
  );
});

adminAgencyPages.get("/admin/agencies/new", page("admin"), (c) =>
  renderForm(c, requirePageAdmin(c), { id: null, values: valuesOf(EMPTY_AGENCY) }),
);

adminAgencyPages.post("/admin/agencies/new", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const values = formValues(await formFields(c));
  const created = await attempt(() => createAgencyEntry(c.var.deps, user, inputOf(values), c.var.meta));
  if (!created.ok) return renderForm(c, user, { id: null, values, error: created.error });
  return c.redirect(`/admin/agencies/${encodeURIComponent(created.value.id)}?saved=1`, 303);
});

adminAgencyPages.get("/admin/agencies/import", page("admin"), (c) => {
  const user = requirePageAdmin(c);
  return html(c, <AgencyImportPage user={layoutUser(user)} csv="" skipInvalid={false} result={null} problem={null} />);
});

adminAgencyPages.post("/admin/agencies/import", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const body = await formBody(c);
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const csv = typeof body.csv === "string" ? body.csv : "";
  const skipInvalid = body.skipInvalid === "true";
  const render = (
    result: Awaited<ReturnType<typeof importAgenciesCsv>> | null,
    problem: FormProblem | null,
    status: ContentfulStatusCode,
  ) =>
    html(
      c,
      <AgencyImportPage
        user={layoutUser(user)}
        csv={file ? "" : csv}
        skipInvalid={skipInvalid}
        result={result}
        problem={problem}
      />,
      status,
    );
  if (!file && !csv.trim()) return render(null, nothingToImport(), 400);
  const source = file ? await file.arrayBuffer() : csv;
  const imported = await attempt(() => importAgenciesCsv(c.var.deps, user, source, { skipInvalid }, c.var.meta));
  if (!imported.ok) return render(null, unreadableImport(imported.error, file !== null), imported.error.status);
  if (!imported.value.accepted) return render(imported.value, rowsInvalid(file !== null), 422);
  return render(imported.value, null, 200);
});

adminAgencyPages.get("/admin/agencies/:id", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const agency = await getAgencyRecord(c.var.deps.db, c.req.param("id"));
  return renderForm(c, user, { id: agency.id, values: valuesOf(agency), saved: c.req.query("saved") === "1" });
});

adminAgencyPages.post("/admin/agencies/:id", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const id = c.req.param("id");
  const values = formValues(await formFields(c));
  const updated = await attempt(() => updateAgencyEntry(c.var.deps, user, id, inputOf(values), c.var.meta));
  if (!updated.ok) {
    if (updated.error.code === "not_found") throw updated.error;
    return renderForm(c, user, { id, values, error: updated.error });
  }
  deliverAfterResponse(c, updated.value.outboxIds);
  deliverPortalAfterResponse(c);
  return c.redirect(`/admin/agencies/${encodeURIComponent(id)}?saved=1`, 303);
});

/** Forced rotation for a whole agency: what it will do, in words. */
async function expiryConfirmation(c: Context<AppEnv>, id: string): Promise<Confirmation> {
  const agency = await getAgencyRecord(c.var.deps.db, id);
  const keys = await liveKeysIn(c.var.deps, { agencyId: id });
  const live = keys.length;
  const owners = new Set(keys.map((k) => k.userId)).size;
  const base = `/admin/agencies/${encodeURIComponent(id)}`;
  return {
    tab: "agencies",
    title: { th: "บังคับเปลี่ยนกุญแจทั้งหน่วยงาน", en: "Force key rotation for an agency" },
    target: pick({ th: agency.nameTh, en: agency.nameEn }, c.var.lang ?? "th"),
    consequences: [
      {
        th: `กุญแจ ${live} ดอกของเจ้าของ ${owners} คนจะหมดอายุเมื่อพ้นระยะผ่อนผันที่เลือก`,
        en: `${live} key(s) of ${owners} owner(s) expire after the grace you choose.`,
      },
      {
        th: "เจ้าของกุญแจทุกคนจะได้รับอีเมลให้สร้างกุญแจใหม่ ผู้ดูแลระบบไม่เห็นรหัสกุญแจ",
        en: "Every owner is e-mailed to create new keys; administrators never see a secret.",
      },
    ],
    action: `${base}/expire-keys`,
    submit: { th: "กำหนดให้กุญแจหมดอายุ", en: "Expire the keys" },
    cancel: base,
    grace: true,
    reasonSentTo: { th: "เจ้าของกุญแจ", en: "the keys' owners" },
  };
}

adminAgencyPages.get("/admin/agencies/:id/confirm/expire-keys", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  c.header("Cache-Control", "no-store");
  return html(c, <ConfirmPage user={layoutUser(user)} confirm={await expiryConfirmation(c, c.req.param("id"))} />);
});

adminAgencyPages.post("/admin/agencies/:id/expire-keys", page("admin"), (c) => {
  const admin = requirePageAdmin(c);
  const id = c.req.param("id");
  return confirmAction(c, {
    needsGrace: true,
    run: ({ reason, graceSeconds }) =>
      expireKeys(c.var.deps, admin, { scope: { agencyId: id }, graceSeconds, reason }, c.var.meta),
    location: (result) => `/admin/agencies/${encodeURIComponent(id)}?done=${doneKey("keys-expired", result)}`,
    confirmation: () => expiryConfirmation(c, id),
  });
});
