import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import { isBlank, wholeNumber } from "../../../lib/fields";
import { createApiKey, deleteApiKey, listApiKeys, rotateApiKey } from "../../../services/keys/api-keys";
import { listUserMemberships } from "../../../services/applications/memberships";
import { grantsPublish, type MembershipStatus } from "../../../workflow/membership-machine";
import { KeysPage } from "../../../views/keys/keys-page";
import { KeyBody, RotateBody } from "../../keys/schemas";
import { keyJson } from "../../keys/serializers";
import { attempt, formFields, layoutUser, messageOf, pageUser, parseForm } from "../helpers";

export const keyPages = new Hono<AppEnv>();

async function renderKeys(
  c: Context<AppEnv>,
  user: User,
  extra: { newSecret?: { name: string; secret: string }; error?: string; status?: 200 | 400 | 403 | 404 | 409 | 422 },
) {
  const [keys, memberships] = await Promise.all([
    listApiKeys(c.var.deps, user),
    listUserMemberships(c.var.deps.db, user.id),
  ]);
  const canPublish = memberships.some((m) => grantsPublish(m.status as MembershipStatus));
  // A page with a fresh secret must never be cached.
  if (extra.newSecret) c.header("Cache-Control", "no-store");
  return c.html(
    <KeysPage
      user={layoutUser(user)}
      keys={keys.map((k) => keyJson(k, c.var.deps.clock.now()))}
      canPublish={canPublish}
      newSecret={extra.newSecret ?? null}
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
  const { name } = input.value;
  const created = await attempt(() => createApiKey(c.var.deps, user, input.value, c.var.meta));
  if (!created.ok) return renderKeys(c, user, { error: messageOf(created.error), status: created.error.status as 403 });
  return renderKeys(c, user, { newSecret: { name, secret: created.value.secret } });
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
  return renderKeys(c, user, { newSecret: { name: rotated.value.key.name, secret: rotated.value.secret } });
});

keyPages.post("/keys/:id/delete", page("session"), async (c) => {
  const user = pageUser(c);
  await deleteApiKey(c.var.deps, user, c.req.param("id"), c.var.meta);
  return c.redirect("/keys", 303);
});
