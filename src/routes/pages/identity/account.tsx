import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../../middleware/app-env";
import { page } from "../../../middleware/access";
import type { User } from "../../../db/schema";
import type { AppError } from "../../../errors";
import { listIdentities, unlinkOidcIdentity } from "../../../services/identity/identities";
import { renameUser } from "../../../services/identity/profile";
import { listPasskeys, removePasskey } from "../../../services/identity/passkeys";
import { identitiesJson, passkeyJson, sessionJson } from "../../identity/serializers";
import { endOtherSessions, endSession, listSessions } from "../../../services/identity/sessions";
import { AccountPage } from "../../../views/identity/account-page";
import { ProfileBody } from "../../identity/schemas";
import { formProblem, type FormMessages } from "../form-problem";
import { attempt, formFields, layoutUser, pageUser, parseForm } from "../helpers";
import { html } from "../render";

/** The account and security page: passkeys, signed-in devices, ways to sign in. */
export const securityPages = new Hono<AppEnv>();

function currentSessionIdOf(c: Context<AppEnv>): string {
  // pageUser has already redirected when there is no session.
  return c.var.session!.sessionId;
}

/** What the name form says when the name is refused. */
const NAME_MESSAGES: FormMessages = {
  fields: {
    name: {
      th: "กรอกชื่อ-นามสกุลในบรรทัดเดียว ไม่เกิน 200 ตัวอักษร",
      en: "Enter your full name on one line, up to 200 characters",
    },
  },
};

/** The one-button forms (remove, end, unlink) have no field: a refusal is about the whole page. */
const NO_FIELDS: FormMessages = { fields: {} };

async function renderAccount(
  c: Context<AppEnv>,
  user: User,
  refused: { error: AppError; messages: FormMessages; name?: string } | null = null,
) {
  const { deps } = c.var;
  const [passkeys, sessions, identities] = await Promise.all([
    listPasskeys(deps.db, user.id),
    listSessions(deps, user.id),
    listIdentities(deps.db, user.id),
  ]);
  const providers = deps.config.oidcProviders.map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn }));
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <AccountPage
      user={layoutUser(user)}
      passkeys={passkeys.map(passkeyJson)}
      sessions={sessions.map((s) => sessionJson(s, currentSessionIdOf(c)))}
      identities={identitiesJson(identities)}
      providers={providers}
      problem={refused ? formProblem(refused.error, refused.messages) : null}
      name={refused?.name}
    />,
    (refused?.error.status ?? 200) as ContentfulStatusCode,
  );
}

/** Runs one change for the signed-in user (Post/Redirect/Get): 303 back to /account, or the page with the problem. */
async function change(
  c: Context<AppEnv>,
  action: (user: User) => Promise<void>,
  form: { messages: FormMessages; name?: string } = { messages: NO_FIELDS },
) {
  const user = pageUser(c);
  const done = await attempt(() => action(user));
  if (!done.ok) return renderAccount(c, user, { error: done.error, ...form });
  return c.redirect("/account", 303);
}

securityPages.get("/account", page("session"), (c) => renderAccount(c, pageUser(c)));

securityPages.post("/account/name", page("session"), async (c) => {
  const name = (await formFields(c)).name ?? "";
  const input = parseForm(ProfileBody, { name });
  return change(
    c,
    async (user) => {
      if (!input.ok) throw input.error;
      await renameUser(c.var.deps, user, input.value.name, c.var.meta);
    },
    { messages: NAME_MESSAGES, name },
  );
});

securityPages.post("/account/passkeys/:id/remove", page("session"), (c) =>
  change(c, (user) => removePasskey(c.var.deps, user, c.req.param("id"), c.var.meta)),
);

securityPages.post("/account/sessions/revoke-others", page("session"), (c) =>
  change(c, (user) => endOtherSessions(c.var.deps, user, currentSessionIdOf(c), c.var.meta)),
);

securityPages.post("/account/sessions/:id/end", page("session"), (c) =>
  change(c, (user) => endSession(c.var.deps, user, c.req.param("id"), c.var.meta)),
);

securityPages.post("/account/identities/:id/unlink", page("session"), (c) =>
  change(c, (user) => unlinkOidcIdentity(c.var.deps, user, c.req.param("id"), c.var.meta)),
);
