import type { Bindings } from "../env";
import type { Deps, RequestMeta } from "../deps";
import type { User } from "../db/schema";
import type { CurrentSession } from "../services/identity/sessions";
import type { Lang } from "../text/language";

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    deps: Deps;
    meta: RequestMeta;
    session: CurrentSession | null;
    /** The interface language of this request (see middleware/language.ts). */
    lang: Lang;
  };
}

/** The administrators' area: `requireAdmin` has put the signed-in administrator in `admin`. */
export interface AdminEnv {
  Bindings: Bindings;
  Variables: AppEnv["Variables"] & { admin: User };
}
