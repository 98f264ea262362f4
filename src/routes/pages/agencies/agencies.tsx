import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { deliverAfterResponse } from "../../../middleware/after-commit";
import { isBlank, listItems, wholeNumber } from "../../../lib/fields";
import { findMinistry } from "../../../lib/ministries";
import { importAgenciesCsv } from "../../../services/agencies/csv-import";
import {
  EMPTY_AGENCY,
  createAgencyEntry,
  getAgencyRecord,
  listAgencyRecords,
  updateAgencyEntry,
  type AgencyInput,
  type AgencyState,
} from "../../../services/agencies/directory";
import { AgencyFormPage, type AgencyFormValues, type FieldErrors } from "../../../views/agencies/agency-form-page";
import { AgencyImportPage } from "../../../views/agencies/agency-import-page";
import { AgencyListPage } from "../../../views/agencies/agency-list-page";
import { agencyPeople } from "../../../services/applications/stewards";
import { expireKeys, liveKeysIn } from "../../../services/keys/forced-expiry";
import { stewardJson } from "../../admin/serializers";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import { confirmAction, doneKey } from "../platform/confirm-form";
import { attempt, formBody, formFields, layoutUser, pageUser, doneOf } from "../helpers";

/** The agency directory pages for DGA administrators; they save through the API's services. */
export const adminAgencyPages = new Hono<AppEnv>();

function requirePageAdmin(c: Context<AppEnv>): User {
  const user = pageUser(c);
  if (!user.isAdmin) throw new AppError("forbidden", "สำหรับผู้ดูแลระบบเท่านั้น / Administrators only.");
  return user;
}

const words = listItems;
const lines = (list: (string | number)[]) => list.join("\n");
// Not a whole number: NaN, which the agency rules refuse with the field's own message.
const optionalNumber = (text: string) => (isBlank(text) ? undefined : (wholeNumber(text.trim()) ?? Number.NaN));

function valuesOf(a: AgencyState): AgencyFormValues {
  return {
    nameTh: a.nameTh,
    nameEn: a.nameEn,
    ministry: findMinistry(a.ministryTh)?.code ?? "",
    domains: lines(a.domains),
    executiveName: a.executive?.name ?? "",
    executivePosition: a.executive?.position ?? "",
    executiveEmail: a.executive?.email ?? "",
    delegateEmails: lines(a.delegateEmails),
    fallbackName: a.fallback?.name ?? "",
    fallbackEmail: a.fallback?.email ?? "",
    fallbackAfterDays: String(a.fallbackAfterDays),
    reminderDays: a.reminderDays.join(", "),
    approvalTtlDays: String(a.approvalTtlDays),
    reviewRequired: a.reviewRequired,
    strongerApproval: a.strongerApproval,
  };
}

function formValues(form: Record<string, string>): AgencyFormValues {
  const get = (name: string) => form[name] ?? "";
  return {
    nameTh: get("nameTh"),
    nameEn: get("nameEn"),
    ministry: get("ministry"),
    domains: get("domains"),
    executiveName: get("executiveName"),
    executivePosition: get("executivePosition"),
    executiveEmail: get("executiveEmail"),
    delegateEmails: get("delegateEmails"),
    fallbackName: get("fallbackName"),
    fallbackEmail: get("fallbackEmail"),
    fallbackAfterDays: get("fallbackAfterDays"),
    reminderDays: get("reminderDays"),
    approvalTtlDays: get("approvalTtlDays"),
    reviewRequired: form.reviewRequired === "true",
    strongerApproval: form.strongerApproval === "true",
  };
}

/** The service's input for a form: every field, empty groups as "none". */
function inputOf(v: AgencyFormValues): AgencyInput {
  const executive = [v.executiveName, v.executivePosition, v.executiveEmail];
  return {
    nameTh: v.nameTh,
    nameEn: v.nameEn,
    ministry: v.ministry,
    domains: words(v.domains),
    executive: executive.some((s) => !isBlank(s))
      ? { name: v.executiveName, position: v.executivePosition, email: v.executiveEmail }
      : null,
    delegateEmails: words(v.delegateEmails),
    fallback:
      !isBlank(v.fallbackName) || !isBlank(v.fallbackEmail) ? { name: v.fallbackName, email: v.fallbackEmail } : null,
    fallbackAfterDays: optionalNumber(v.fallbackAfterDays),
    reminderDays: words(v.reminderDays).map((d) => wholeNumber(d) ?? Number.NaN),
    approvalTtlDays: optionalNumber(v.approvalTtlDays),
    reviewRequired: v.reviewRequired,
    strongerApproval: v.strongerApproval,
  };
}

/** A service error's field paths as form fields (executive.email -> executiveEmail, domains.1 -> domains). */
function fieldErrors(error: AppError): FieldErrors {
  const out: FieldErrors = {};
  for (const { path, message } of error.errors ?? []) {
    const [head, sub] = path.split(".");
    const field = (
      (head === "executive" || head === "fallback") && sub ? `${head}${sub[0]!.toUpperCase()}${sub.slice(1)}` : head
    ) as keyof AgencyFormValues;
    (out[field] ??= []).push(message);
  }
  return out;
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
      errors={error ? fieldErrors(error) : {}}
      message={error?.message ?? null}
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
  return c.html(page, (error?.status ?? 200) as ContentfulStatusCode);
}

adminAgencyPages.get("/admin/agencies", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { agencies, hasNext } = await listAgencyRecords(c.var.deps.db, { q, page: pageNumber });
  c.header("Cache-Control", "no-store");
  return c.html(
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
  return c.html(<AgencyImportPage user={layoutUser(user)} csv="" skipInvalid={false} result={null} error={null} />);
});

adminAgencyPages.post("/admin/agencies/import", page("admin"), async (c) => {
  const user = requirePageAdmin(c);
  const body = await formBody(c);
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const csv = typeof body.csv === "string" ? body.csv : "";
  const skipInvalid = body.skipInvalid === "true";
  const render = (
    result: Awaited<ReturnType<typeof importAgenciesCsv>> | null,
    error: string | null,
    status: ContentfulStatusCode,
  ) =>
    c.html(
      <AgencyImportPage
        user={layoutUser(user)}
        csv={file ? "" : csv}
        skipInvalid={skipInvalid}
        result={result}
        error={error}
      />,
      status,
    );
  if (!file && !csv.trim())
    return render(null, "กรุณาเลือกไฟล์หรือวางข้อความ CSV / Choose a file or paste the CSV text", 400);
  const source = file ? await file.arrayBuffer() : csv;
  const imported = await attempt(() => importAgenciesCsv(c.var.deps, user, source, { skipInvalid }, c.var.meta));
  if (!imported.ok) {
    const details = imported.error.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
    return render(
      null,
      details && details !== imported.error.message ? `${imported.error.message} (${details})` : imported.error.message,
      imported.error.status,
    );
  }
  return render(imported.value, null, imported.value.accepted ? 200 : 422);
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
    target: `${agency.nameTh} (${agency.nameEn})`,
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
  return c.html(<ConfirmPage user={layoutUser(user)} confirm={await expiryConfirmation(c, c.req.param("id"))} />);
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
