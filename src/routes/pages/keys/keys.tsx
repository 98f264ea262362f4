import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { AppError } from "../../../errors";
import { isBlank, wholeNumber } from "../../../lib/fields";
import { createApiKey, deleteApiKey, keyStatus, listApiKeys, rotateApiKey } from "../../../services/keys/api-keys";
import { listUserMemberships } from "../../../services/applications/memberships";
import { grantsPublish, type MembershipStatus } from "../../../workflow/membership-machine";
import { KeysPage, type KeyView } from "../../../views/keys/keys-page";
import { KeyDeletePage } from "../../../views/keys/key-delete-page";
import { KEYS_DONE } from "../../../views/keys/key-table";
import { KeyBody, RotateBody } from "../../keys/schemas";
import { keyJson } from "../../keys/serializers";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm, doneOf } from "../helpers";
import { NEW_KEY_MAX_AGE_S, setNewKey, takeNewKey } from "./new-key-flash";

export const keyPages = new Hono<AppEnv>();

/** The user's keys as the page shows them: a rotated key says what replaces it, the new one says it is new. */
async function keyViews(c: Context<AppEnv>, user: User): Promise<KeyView[]> {
  const now = c.var.deps.clock.now();
  const keys = await listApiKeys(c.var.deps, user);
  // A key being replaced: rotated, still working in its grace. The new key: what one of those
  // points to, while it works and is not itself being replaced.
  const beingReplaced = (k: (typeof keys)[number]) => k.replacedBy !== null && keyStatus(k, now) === "rotating";
  const replacements = new Set(keys.filter(beingReplaced).map((k) => k.replacedBy));
  return keys.map((k) => ({
    ...keyJson(k, now),
    beingReplaced: beingReplaced(k),
    isNew: replacements.has(k.id) && keyStatus(k, now) === "active",
  }));
}

async function renderKeys(
  c: Context<AppEnv>,
  user: User,
  extra: { error?: string; status?: 200 | 400 | 403 | 409 | 422 },
) {
  const [keys, memberships] = await Promise.all([keyViews(c, user), listUserMemberships(c.var.deps.db, user.id)]);
  const canPublish = memberships.some((m) => grantsPublish(m.status as MembershipStatus));
  // A fresh secret is shown once: never cached, never shown again (see new-key-flash.ts).
  c.header("Cache-Control", "no-store");
  // Only a key that works and was made within the secret's cookie life may have its secret shown.
  const now = c.var.deps.clock.now();
  const fresh = keys.filter((k) => k.status === "active" && now - Date.parse(k.createdAt) <= NEW_KEY_MAX_AGE_S * 1000);
  const newKey = extra.error ? null : takeNewKey(c, new Set(fresh.map((k) => k.id)));
  return c.html(
    <KeysPage
      user={layoutUser(user)}
      keys={keys}
      canPublish={canPublish}
      newSecret={newKey}
      notice={extra.error || newKey ? null : doneOf(c, KEYS_DONE)}
      error={extra.error ?? null}
    />,
    extra.status ?? 200,
  );
}

keyPages.get("/keys", page("session"), (c) => renderKeys(c, pageUser(c), {}));

keyPages.post("/keys", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const days = isBlank(form.expiresInDays ?? "") ? null : (wholeNumber(form.expiresInDays!.trim()) ?? Number.NaN);
  const scopes: ("read" | "publish")[] = form.scope === "publish" ? ["read", "publish"] : ["read"];
  const input = parseForm(KeyBody, { name: form.name ?? "", scopes, expiresInDays: days });
  if (!input.ok)
    return renderKeys(c, user, { error: "กรุณาตั้งชื่อกุญแจและอายุ 1–730 วัน / Give a name and 1–730 days", status: 400 });
  const created = await attempt(() => createApiKey(c.var.deps, user, input.value, c.var.meta));
  if (!created.ok) return renderKeys(c, user, { error: messageOf(created.error), status: created.error.status as 403 });
  setNewKey(c, { keyId: created.value.key.id, name: input.value.name, secret: created.value.secret });
  return c.redirect("/keys?done=created", 303);
});

keyPages.post("/keys/:id/rotate", page("session"), async (c) => {
  const user = pageUser(c);
  const form = await formFields(c);
  const input = parseForm(RotateBody, {
    graceSeconds: isBlank(form.graceSeconds ?? "") ? 0 : (wholeNumber(form.graceSeconds!.trim()) ?? Number.NaN),
  });
  if (!input.ok)
    return renderKeys(c, user, {
      error: "ช่วงเวลาผ่อนผันต้องเป็น 0–604800 วินาที / The grace period is 0 to 604800 seconds.",
      status: 400,
    });
  const rotated = await attempt(() =>
    rotateApiKey(c.var.deps, user, c.req.param("id"), input.value.graceSeconds, c.var.meta),
  );
  if (!rotated.ok) return renderKeys(c, user, { error: messageOf(rotated.error), status: rotated.error.status as 409 });
  setNewKey(c, { keyId: rotated.value.key.id, name: rotated.value.key.name, secret: rotated.value.secret });
  return c.redirect("/keys?done=rotated", 303);
});

/** The user's own key that may still be deleted (it verifies, or is in its grace); 404 otherwise. */
async function deletableKey(c: Context<AppEnv>, user: User, id: string): Promise<KeyView> {
  const key = (await keyViews(c, user)).find((k) => k.id === id);
  if (!key) throw new AppError("not_found", "ไม่พบกุญแจนี้ / No such key.");
  if (key.status !== "active" && key.status !== "rotating")
    throw new AppError("invalid_transition", "กุญแจนี้หยุดทำงานแล้ว / This key no longer works.");
  return key;
}

keyPages.get("/keys/:id/delete", page("session"), async (c) => {
  const user = pageUser(c);
  const key = await deletableKey(c, user, c.req.param("id"));
  c.header("Cache-Control", "no-store");
  return c.html(<KeyDeletePage user={layoutUser(user)} k={key} />);
});

keyPages.post("/keys/:id/delete", page("session"), async (c) => {
  const user = pageUser(c);
  // As its confirmation page: 404 for another's key, 409 for one that no longer works.
  await deletableKey(c, user, c.req.param("id"));
  await deleteApiKey(c.var.deps, user, c.req.param("id"), c.var.meta);
  return c.redirect("/keys?done=deleted", 303);
});
