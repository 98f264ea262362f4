import { Hono, type Context } from "hono";

import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";

import { AppError } from "../../../errors";
import type { User } from "../../../db/schema";
import type { Deps, RequestMeta } from "../../../deps";
import { getPerson, listPeople } from "../../../services/identity/people";
import {
  reactivateUser,
  removeUserPasskeys,
  setAdministrator,
  suspendUser,
  unlockUser,
} from "../../../services/identity/admin-users";
import { expireKeys } from "../../../services/keys/forced-expiry";
import { adminUserJson, keySummaryJson, stewardJson } from "../../admin/serializers";
import { PeopleListPage } from "../../../views/identity/people-list-page";
import { PersonPage, personActions, type PersonAction } from "../../../views/identity/person-page";
import type { PersonView } from "../../../views/identity/people-views";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import type { Bilingual } from "../../../text/bilingual";
import { attempt, layoutUser, pageUser, doneOf } from "../helpers";
import { confirmAction, doneKey } from "../platform/confirm-form";
import { html } from "../render";

export const peoplePages = new Hono<AppEnv>();

const STATUSES = ["active", "suspended", "deleted"] as const;

peoplePages.get("/admin/people", page("admin"), async (c) => {
  const user = pageUser(c);
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const statusParam = c.req.query("status") ?? "";
  const status = (STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as (typeof STATUSES)[number])
    : null;
  const cursor = c.req.query("cursor") ?? null;
  const result = await attempt(() => listPeople(c.var.deps, { q, status, cursor }));
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <PeopleListPage
      user={layoutUser(user)}
      people={result.ok ? result.value.items.map(adminUserJson) : []}
      q={q}
      status={status ?? ""}
      cursor={result.ok ? cursor : null}
      nextCursor={result.ok ? result.value.nextCursor : null}
      error={result.ok ? null : result.error.text}
    />,
    result.ok ? 200 : 400,
  );
});

async function loadPerson(c: Context<AppEnv>, id: string): Promise<PersonView> {
  const p = await getPerson(c.var.deps, id);
  const now = c.var.deps.clock.now();
  return {
    user: adminUserJson(p.user),
    emails: p.emails.map((e) => ({ email: e.email, verifiedAt: new Date(e.verifiedAt).toISOString() })),
    oidc: p.oidc,
    passkeys: p.passkeys,
    roles: p.roles.map(stewardJson),
    keys: p.keys.map((k) => keySummaryJson(k, now)),
    waitingUntil: p.waitingUntil === null ? null : new Date(p.waitingUntil).toISOString(),
  };
}

peoplePages.get("/admin/people/:id", page("admin"), async (c) => {
  const user = pageUser(c);
  const person = await loadPerson(c, c.req.param("id"));
  c.header("Cache-Control", "no-store");
  return html(c, <PersonPage user={layoutUser(user)} person={person} notice={doneOf(c, ADMIN_DONE)} />);
});

const ACTIONS: readonly PersonAction[] = [
  "suspend",
  "reactivate",
  "unlock",
  "remove-passkeys",
  "grant-admin",
  "revoke-admin",
  "expire-keys",
];

function actionOf(c: Context<AppEnv>): PersonAction {
  const action = c.req.param("action") as PersonAction;
  if (!ACTIONS.includes(action)) throw new AppError("not_found", { th: "ไม่พบหน้านี้", en: "No such page." });
  return action;
}

/** What each action will do to this person, in words, with the numbers of their keys and passkeys. */
function confirmationOf(p: PersonView, action: PersonAction): Confirmation {
  const who = p.user.name || p.user.email || "";
  const live = p.keys.filter((k) => k.status === "active" || k.status === "rotating").length;
  const base = `/admin/people/${encodeURIComponent(p.user.id)}`;
  const common = {
    tab: "people" as const,
    target: `${who}${p.user.email ? ` · ${p.user.email}` : ""}`,
    action: `${base}/${action}`,
    cancel: base,
  };
  const one = (title: Bilingual, consequences: Bilingual[], submit: Bilingual, danger = false): Confirmation => ({
    ...common,
    title,
    consequences,
    submit,
    danger,
  });
  switch (action) {
    case "suspend":
      return one(
        { th: "ระงับบัญชี", en: "Suspend an account" },
        [
          { th: "ทุกเซสชันของผู้ใช้นี้สิ้นสุดทันที", en: "Every session of this person ends now." },
          { th: `กุญแจ ${live} ดอกจะถูกปิดการใช้งานทันที (DISABLED)`, en: `${live} key(s) stop now (DISABLED).` },
        ],
        { th: "ระงับบัญชี", en: "Suspend" },
        true,
      );
    case "reactivate":
      return one(
        { th: "เปิดใช้บัญชีอีกครั้ง", en: "Reactivate an account" },
        [
          { th: "ผู้ใช้เข้าสู่ระบบได้อีกครั้ง", en: "The person can sign in again." },
          { th: "กุญแจที่ยังไม่หมดอายุกลับมาใช้งานได้", en: "Keys that have not expired verify again." },
        ],
        { th: "เปิดใช้บัญชี", en: "Reactivate" },
      );
    case "unlock":
      return one(
        { th: "ยกเลิกการรอจากการกรอกรหัสผิด", en: "End the waits after wrong codes" },
        [{ th: "ผู้ใช้ขอรหัสใหม่และกรอกได้ทันที", en: "The person can ask for a code and type it at once." }],
        { th: "ยกเลิกการรอ", en: "End the waits" },
      );
    case "remove-passkeys":
      return one(
        { th: "ลบพาสคีย์ทั้งหมด", en: "Remove every passkey" },
        [
          { th: `พาสคีย์ ${p.passkeys} รายการจะถูกลบ`, en: `${p.passkeys} passkey(s) are removed.` },
          { th: "ผู้ใช้เข้าสู่ระบบด้วยอีเมลแล้วลงทะเบียนพาสคีย์ใหม่", en: "The person signs in by e-mail and registers anew." },
        ],
        { th: "ลบพาสคีย์", en: "Remove passkeys" },
        true,
      );
    case "grant-admin":
      return one(
        { th: "ให้สิทธิ์ผู้ดูแลระบบ", en: "Make an administrator" },
        [
          {
            th: "ผู้ใช้นี้จะจัดการคำขอ ผู้ดูแลข้อมูล หน่วยงาน และผู้ใช้ได้ทั้งหมด",
            en: "This person can manage applications, stewards, agencies and people.",
          },
        ],
        { th: "ให้สิทธิ์", en: "Grant" },
      );
    case "revoke-admin":
      return one(
        { th: "ถอนสิทธิ์ผู้ดูแลระบบ", en: "Remove the administrator role" },
        [
          { th: "ผู้ใช้นี้จะเข้าหน้าผู้ดูแลระบบไม่ได้อีก", en: "This person can no longer use the console." },
          { th: "ต้องเหลือผู้ดูแลระบบอย่างน้อยหนึ่งคนเสมอ", en: "At least one active administrator must remain." },
        ],
        { th: "ถอนสิทธิ์", en: "Remove" },
        true,
      );
    case "expire-keys":
      return {
        ...one(
          { th: "บังคับเปลี่ยนกุญแจ", en: "Force key rotation" },
          [
            {
              th: `กุญแจ ${live} ดอกของผู้ใช้นี้จะหมดอายุเมื่อพ้นระยะผ่อนผันที่เลือก`,
              en: `${live} key(s) of this person expire after the grace you choose.`,
            },
            {
              th: "เจ้าของกุญแจจะได้รับอีเมลให้สร้างกุญแจใหม่ ผู้ดูแลระบบไม่เห็นรหัสกุญแจ",
              en: "The owner is e-mailed to create new keys; administrators never see a secret.",
            },
          ],
          { th: "กำหนดให้กุญแจหมดอายุ", en: "Expire the keys" },
        ),
        grace: true,
        reasonSentTo: { th: "เจ้าของกุญแจ", en: "the keys' owner" },
      };
  }
}

peoplePages.get("/admin/people/:id/confirm/:action", page("admin"), async (c) => {
  const user = pageUser(c);
  const person = await loadPerson(c, c.req.param("id"));
  const action = actionOf(c);
  if (!personActions(person).some((a) => a.action === action))
    throw new AppError("invalid_transition", {
      th: "ทำไม่ได้ในสถานะปัจจุบันของบัญชีนี้",
      en: "Not possible in this account's state.",
    });
  c.header("Cache-Control", "no-store");
  return html(c, <ConfirmPage user={layoutUser(user)} confirm={confirmationOf(person, action)} />);
});

type Run = (
  deps: Deps,
  admin: User,
  id: string,
  input: { reason: string; graceSeconds: number },
  meta: RequestMeta,
) => Promise<unknown>;

const RUN: Record<PersonAction, Run> = {
  suspend: (deps, admin, id, { reason }, meta) => suspendUser(deps, admin, id, reason, meta),
  reactivate: (deps, admin, id, { reason }, meta) => reactivateUser(deps, admin, id, reason, meta),
  unlock: (deps, admin, id, { reason }, meta) => unlockUser(deps, admin, id, reason, meta),
  "remove-passkeys": (deps, admin, id, { reason }, meta) => removeUserPasskeys(deps, admin, id, reason, meta),
  "grant-admin": (deps, admin, id, { reason }, meta) =>
    setAdministrator(deps, admin, id, { grant: true, reason }, meta),
  "revoke-admin": (deps, admin, id, { reason }, meta) =>
    setAdministrator(deps, admin, id, { grant: false, reason }, meta),
  "expire-keys": (deps, admin, id, { reason, graceSeconds }, meta) =>
    expireKeys(deps, admin, { scope: { userId: id }, graceSeconds, reason }, meta),
};

const DONE: Record<PersonAction, string> = {
  suspend: "suspended",
  reactivate: "reactivated",
  unlock: "unlocked",
  "remove-passkeys": "passkeys",
  "grant-admin": "admin-granted",
  "revoke-admin": "admin-revoked",
  "expire-keys": "keys-expired",
};

peoplePages.post("/admin/people/:id/:action", page("admin"), (c) => {
  const admin = pageUser(c);
  const id = c.req.param("id");
  const action = actionOf(c);
  // An administrator who removed their own role has no console to return to.
  const self = action === "revoke-admin" && id === admin.id;
  return confirmAction(c, {
    needsGrace: action === "expire-keys",
    run: (input) => RUN[action](c.var.deps, admin, id, input, c.var.meta),
    location: (result) =>
      self ? "/account" : `/admin/people/${encodeURIComponent(id)}?done=${doneKey(DONE[action], result)}`,
    confirmation: async () => confirmationOf(await loadPerson(c, id), action),
  });
});
