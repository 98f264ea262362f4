import { Hono, type Context } from "hono";

import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";

import { AppError } from "../../../errors";
import { changeSteward, getSteward, listStewards } from "../../../services/applications/stewards";
import { expireKeys } from "../../../services/keys/forced-expiry";
import { getAgencyRecord } from "../../../services/agencies/directory";
import { MEMBERSHIP_STATUSES } from "../../../workflow/membership-machine";
import { keySummaryJson, stewardJson } from "../../admin/serializers";
import { StewardListPage } from "../../../views/applications/steward-list-page";
import { StewardPage, stewardActions } from "../../../views/applications/steward-page";
import { ConfirmPage, type Confirmation } from "../../../views/platform/confirm-page";
import { ADMIN_DONE } from "../../../views/platform/admin-parts";
import type { StewardView } from "../../../views/applications/steward-views";
import { attempt, layoutUser, pageUser, doneOf } from "../helpers";
import { confirmAction, doneKey } from "../platform/confirm-form";
import type { Bilingual } from "../../../text/bilingual";
import { pick, type Lang } from "../../../text/language";
import { html } from "../render";

export const stewardPages = new Hono<AppEnv>();

const STATUSES = [...MEMBERSHIP_STATUSES, "all"] as const;

stewardPages.get("/admin/stewards", page("admin"), async (c) => {
  const user = pageUser(c);
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const statusParam = c.req.query("status") ?? "active";
  const status = (STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as (typeof STATUSES)[number])
    : "active";
  const agencyId = c.req.query("agencyId") ?? null;
  const cursor = c.req.query("cursor") ?? null;
  const result = await attempt(() => listStewards(c.var.deps, { q, status, agencyId, cursor }));
  const agency = agencyId ? await attempt(() => getAgencyRecord(c.var.deps.db, agencyId)) : null;
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <StewardListPage
      user={layoutUser(user)}
      stewards={result.ok ? result.value.items.map(stewardJson) : []}
      q={q}
      status={status}
      agency={agency?.ok ? { id: agency.value.id, nameTh: agency.value.nameTh, nameEn: agency.value.nameEn } : null}
      cursor={result.ok ? cursor : null}
      nextCursor={result.ok ? result.value.nextCursor : null}
      error={result.ok ? null : result.error.text}
    />,
    result.ok ? 200 : 400,
  );
});

async function loadView(c: Context<AppEnv>, id: string) {
  const { steward, keys, pendingHandover } = await getSteward(c.var.deps, id);
  const now = c.var.deps.clock.now();
  return {
    steward: stewardJson(steward) as StewardView,
    keys: keys.map((k) => keySummaryJson(k, now)),
    pendingHandover: pendingHandover
      ? { successorEmail: pendingHandover.successorEmail, createdAt: new Date(pendingHandover.createdAt).toISOString() }
      : null,
  };
}

stewardPages.get("/admin/stewards/:id", page("admin"), async (c) => {
  const user = pageUser(c);
  const view = await loadView(c, c.req.param("id"));
  c.header("Cache-Control", "no-store");
  return html(c, <StewardPage user={layoutUser(user)} {...view} notice={doneOf(c, ADMIN_DONE)} />);
});

type StewardPageAction = "suspend" | "reinstate" | "revoke" | "expire-keys";
const ACTIONS: readonly StewardPageAction[] = ["suspend", "reinstate", "revoke", "expire-keys"];

/** What each action will do to this role, in words, with the numbers of its keys. */
function confirmationOf(
  view: Awaited<ReturnType<typeof loadView>>,
  action: StewardPageAction,
  lang: Lang,
): Confirmation {
  const s = view.steward;
  const who = s.user.name || s.user.email || "";
  const live = view.keys.filter((k) => k.status === "active" || k.status === "rotating");
  const publish = live.filter((k) => k.scopes.includes("publish")).length;
  const base = `/admin/stewards/${encodeURIComponent(s.membershipId)}`;
  const told: Bilingual = { th: `${who} จะได้รับอีเมลแจ้ง`, en: `${who} is e-mailed.` };
  const common = {
    reasonSentTo: { th: "ผู้ดูแลข้อมูล", en: "the steward" },
    tab: "stewards" as const,
    target: `${who} · ${pick({ th: s.agency.nameTh, en: s.agency.nameEn }, lang)}`,
    action: `${base}/${action}`,
    cancel: base,
  };
  switch (action) {
    case "suspend":
      return {
        ...common,
        title: { th: "ระงับผู้ดูแลข้อมูลชั่วคราว", en: "Suspend a steward" },
        consequences: [
          {
            th: `กุญแจเผยแพร่ข้อมูล ${publish} ดอกจะถูกปิดการใช้งานทันที (DISABLED) จนกว่าจะคืนสิทธิ์`,
            en: `${publish} publish key(s) stop now (DISABLED) until the role is reinstated.`,
          },
          told,
        ],
        submit: { th: "ระงับชั่วคราว", en: "Suspend" },
      };
    case "reinstate":
      return {
        ...common,
        title: { th: "คืนสิทธิ์ผู้ดูแลข้อมูล", en: "Reinstate a steward" },
        consequences: [
          {
            th: `กุญแจเผยแพร่ข้อมูล ${publish} ดอกจะกลับมาใช้งานได้`,
            en: `${publish} publish key(s) verify again.`,
          },
          told,
        ],
        submit: { th: "คืนสิทธิ์", en: "Reinstate" },
      };
    case "revoke":
      return {
        ...common,
        title: { th: "เพิกถอนผู้ดูแลข้อมูล", en: "Revoke a steward" },
        consequences: [
          {
            th: `กุญแจเผยแพร่ข้อมูล ${publish} ดอกจะหยุดทำงานทันทีและถาวร (REVOKED)`,
            en: `${publish} publish key(s) stop now, for good (REVOKED).`,
          },
          { th: "บทบาทนี้สิ้นสุดและคืนกลับไม่ได้", en: "The role ends and cannot be reinstated." },
          ...(view.pendingHandover ? [{ th: "การส่งมอบที่รออยู่จะถูกยกเลิก", en: "The pending handover is cancelled." }] : []),
          told,
        ],
        submit: { th: "เพิกถอน", en: "Revoke" },
        danger: true,
      };
    case "expire-keys":
      return {
        ...common,
        title: { th: "บังคับเปลี่ยนกุญแจ", en: "Force key rotation" },
        consequences: [
          {
            th: `กุญแจ ${live.length} ดอกของบทบาทนี้จะหมดอายุเมื่อพ้นระยะผ่อนผันที่เลือก`,
            en: `${live.length} key(s) of this role expire after the grace you choose.`,
          },
          {
            th: "เจ้าของกุญแจจะได้รับอีเมลให้สร้างกุญแจใหม่ ผู้ดูแลระบบไม่เห็นรหัสกุญแจ",
            en: "The owner is e-mailed to create new keys; administrators never see a secret.",
          },
        ],
        submit: { th: "กำหนดให้กุญแจหมดอายุ", en: "Expire the keys" },
        grace: true,
      };
  }
}

function actionOf(c: Context<AppEnv>): StewardPageAction {
  const action = c.req.param("action") as StewardPageAction;
  if (!ACTIONS.includes(action)) throw new AppError("not_found", { th: "ไม่พบหน้านี้", en: "No such page." });
  return action;
}

stewardPages.get("/admin/stewards/:id/confirm/:action", page("admin"), async (c) => {
  const user = pageUser(c);
  const view = await loadView(c, c.req.param("id"));
  const action = actionOf(c);
  if (!stewardActions(view.steward).some((a) => a.action === action))
    throw new AppError("invalid_transition", {
      th: "ทำไม่ได้ในสถานะปัจจุบันของบทบาทนี้",
      en: "Not possible in this role's status.",
    });
  c.header("Cache-Control", "no-store");
  return html(c, <ConfirmPage user={layoutUser(user)} confirm={confirmationOf(view, action, c.var.lang)} />);
});

const DONE: Record<StewardPageAction, string> = {
  suspend: "role-suspended",
  reinstate: "role-reinstated",
  revoke: "revoked",
  "expire-keys": "keys-expired",
};

stewardPages.post("/admin/stewards/:id/:action", page("admin"), (c) => {
  const admin = pageUser(c);
  const id = c.req.param("id");
  const action = actionOf(c);
  return confirmAction(c, {
    needsGrace: action === "expire-keys",
    run: ({ reason, graceSeconds }) =>
      action === "expire-keys"
        ? expireKeys(c.var.deps, admin, { scope: { membershipId: id }, graceSeconds, reason }, c.var.meta)
        : changeSteward(c.var.deps, admin, id, { action, reason }, c.var.meta),
    location: (result) => `/admin/stewards/${encodeURIComponent(id)}?done=${doneKey(DONE[action], result)}`,
    confirmation: async () => confirmationOf(await loadView(c, id), action, c.var.lang),
  });
});
