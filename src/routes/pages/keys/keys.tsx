import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import { deliverWebhooksAfterResponse } from "../../../middleware/after-commit";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { isBlank, wholeNumber } from "../../../lib/fields";
import { createApiKey, deleteApiKey, keyStatus, listApiKeys } from "../../../services/keys/api-keys";
import { rotateApiKey } from "../../../services/keys/key-rotation";
import { usageOfUserKeys } from "../../../services/keys/usage";
import { listUserMemberships } from "../../../services/applications/memberships";
import { hasAcceptedCurrentTerms } from "../../../services/terms/acceptance";
import { grantsPublish, type MembershipStatus } from "../../../workflow/membership-machine";
import { KeysPage, type KeyFormValues, type KeyView } from "../../../views/keys/keys-page";
import { KeyDeletePage } from "../../../views/keys/key-delete-page";
import { KEYS_DONE, graceFieldId } from "../../../views/keys/key-table";
import type { FormProblem } from "../../../views/platform/form-problem";
import { KeyBody, RotateBody } from "../../keys/schemas";
import { keyJson } from "../../keys/serializers";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, formFields, layoutUser, pageUser, parseForm, doneOf } from "../helpers";
import { NEW_KEY_MAX_AGE_S, setNewKey, takeNewKey } from "./new-key-flash";
import {
  claimFormToken,
  newFormToken,
  postedFormToken,
  releaseFormToken,
} from "../../../services/platform/form-tokens";
import { html } from "../render";

export const keyPages = new Hono<AppEnv>();

/** The usage charts' period, in days (สถิติการใช้งาน, as the API's default). */
const USAGE_CHART_DAYS = 30;

/** How the key form names its fields when they are wrong (see FormMessages). */
const KEY_MESSAGES: FormMessages = {
  fields: {
    name: { th: "ตั้งชื่อกุญแจ ไม่เกิน 100 ตัวอักษร", en: "Give the key a name, up to 100 characters" },
    scope: { th: "เลือกสิทธิ์ของกุญแจ", en: "Choose the key's scope" },
    expiresInDays: {
      th: "กรอกอายุกุญแจเป็นจำนวนวันเต็มตั้งแต่ 1 วัน หรือเว้นว่างไว้",
      en: "Enter the key's lifetime as a whole number of days from 1, or leave it empty",
    },
  },
  codes: { forbidden_scope: "scope", expiry_too_long: "expiresInDays" },
};

const GRACE_MESSAGE = {
  th: "เลือกระยะเวลาที่กุญแจเดิมยังใช้ต่อได้",
  en: "Choose how long the old key keeps working",
};

/** The user's keys as the page shows them: a rotated key says what replaces it, the new one says it is new. */
async function keyViews(c: Context<AppEnv>, user: User): Promise<KeyView[]> {
  const now = c.var.deps.clock.now();
  const keys = await listApiKeys(c.var.deps, user);
  // A key being replaced: rotated, still working in its grace. The new key: what one of those
  // points to, while it works and is not itself being replaced.
  const beingReplaced = (k: (typeof keys)[number]) => k.replacedBy !== null && keyStatus(k, now) === "rotating";
  const replacements = new Set(keys.filter(beingReplaced).map((k) => k.replacedBy));
  const usage = await usageOfUserKeys(
    c.var.deps,
    user,
    keys.map((k) => k.id),
    USAGE_CHART_DAYS,
  );
  return keys.map((k) => ({
    ...keyJson(k, now),
    beingReplaced: beingReplaced(k),
    isNew: replacements.has(k.id) && keyStatus(k, now) === "active",
    usage: usage.get(k.id),
  }));
}

async function renderKeys(
  c: Context<AppEnv>,
  user: User,
  failed: { problem: FormProblem; values?: KeyFormValues; status: ContentfulStatusCode } | null,
) {
  const { deps } = c.var;
  const now = deps.clock.now();
  const [keys, memberships, termsAccepted] = await Promise.all([
    keyViews(c, user),
    listUserMemberships(deps.db, user.id),
    hasAcceptedCurrentTerms(deps.db, user.id, now),
  ]);
  const canPublish = memberships.some((m) => grantsPublish(m.status as MembershipStatus));
  // A fresh secret is shown once: never cached, never shown again (see new-key-flash.ts).
  c.header("Cache-Control", "no-store");
  // Only a key that works and was made within the secret's cookie life may have its secret shown.
  const fresh = keys.filter((k) => k.status === "active" && now - Date.parse(k.createdAt) <= NEW_KEY_MAX_AGE_S * 1000);
  const newKey = failed ? null : takeNewKey(c, new Set(fresh.map((k) => k.id)));
  return html(
    c,
    <KeysPage
      user={layoutUser(user)}
      keys={keys}
      canPublish={canPublish}
      maxDays={deps.config.keyMaxDays}
      termsAccepted={termsAccepted}
      formToken={newFormToken()}
      newSecret={newKey}
      notice={failed || newKey ? null : doneOf(c, KEYS_DONE)}
      problem={failed?.problem ?? null}
      values={failed?.values ?? null}
    />,
    failed?.status ?? 200,
  );
}

keyPages.get("/keys", page("session"), (c) => renderKeys(c, pageUser(c), null));

keyPages.post("/keys", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const values: KeyFormValues = {
    name: form.name ?? "",
    scope: form.scope === "publish" ? "publish" : "read",
    expiresInDays: form.expiresInDays ?? "",
  };
  const days = isBlank(values.expiresInDays) ? null : (wholeNumber(values.expiresInDays.trim()) ?? Number.NaN);
  const scopes: ("read" | "publish")[] = values.scope === "publish" ? ["read", "publish"] : ["read"];
  const input = parseForm(KeyBody, { name: values.name, scopes, expiresInDays: days });
  if (!input.ok) return renderKeys(c, user, { problem: formProblem(input.error, KEY_MESSAGES), values, status: 400 });
  // A second post of the same form (a double click) makes no second key: it ends where the first did.
  const token = postedFormToken(form.formToken);
  if (token && !(await claimFormToken(c.var.deps.db, user.id, token, c.var.deps.clock.now())))
    return c.redirect("/keys?done=resent", 303);
  const created = await attempt(() => createApiKey(c.var.deps, user, input.value, c.var.meta));
  if (!created.ok) {
    if (token) await releaseFormToken(c.var.deps.db, user.id, token);
    const problem = formProblem(created.error, KEY_MESSAGES);
    return renderKeys(c, user, { problem, values, status: created.error.status });
  }
  deliverWebhooksAfterResponse(c, created.value.eventIds);
  setNewKey(c, { keyId: created.value.key.id, name: input.value.name, secret: created.value.secret });
  return c.redirect("/keys?done=created", 303);
});

keyPages.post("/keys/:id/rotate", page("session"), async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const form = await formFields(c);
  const input = parseForm(RotateBody, {
    graceSeconds: isBlank(form.graceSeconds ?? "") ? 0 : (wholeNumber(form.graceSeconds!.trim()) ?? Number.NaN),
  });
  if (!input.ok) {
    const problem = { fields: [{ field: graceFieldId(id), text: GRACE_MESSAGE }], general: [] };
    return renderKeys(c, user, { problem, status: 400 });
  }
  const rotated = await attempt(() => rotateApiKey(c.var.deps, user, id, input.value.graceSeconds, c.var.meta));
  if (!rotated.ok)
    return renderKeys(c, user, {
      problem: { fields: [], general: [rotated.error.text] },
      status: rotated.error.status,
    });
  deliverWebhooksAfterResponse(c, rotated.value.eventIds);
  setNewKey(c, { keyId: rotated.value.key.id, name: rotated.value.key.name, secret: rotated.value.secret });
  return c.redirect("/keys?done=rotated", 303);
});

/** The user's own key that may still be deleted (it verifies, or is in its grace); 404 otherwise. */
async function deletableKey(c: Context<AppEnv>, user: User, id: string): Promise<KeyView> {
  const key = (await keyViews(c, user)).find((k) => k.id === id);
  if (!key) throw new AppError("not_found", { th: "ไม่พบกุญแจนี้", en: "No such key." });
  if (key.status !== "active" && key.status !== "rotating")
    throw new AppError("invalid_transition", { th: "กุญแจนี้หยุดทำงานแล้ว", en: "This key no longer works." });
  return key;
}

keyPages.get("/keys/:id/delete", page("session"), async (c) => {
  const user = pageUser(c);
  const key = await deletableKey(c, user, c.req.param("id"));
  c.header("Cache-Control", "no-store");
  return html(c, <KeyDeletePage user={layoutUser(user)} k={key} />);
});

keyPages.post("/keys/:id/delete", page("session"), async (c) => {
  const user = pageUser(c);
  // As its confirmation page: 404 for another's key, 409 for one that no longer works.
  await deletableKey(c, user, c.req.param("id"));
  const { eventIds } = await deleteApiKey(c.var.deps, user, c.req.param("id"), c.var.meta);
  deliverWebhooksAfterResponse(c, eventIds);
  return c.redirect("/keys?done=deleted", 303);
});
