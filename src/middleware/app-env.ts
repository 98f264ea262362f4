import type { Bindings } from "../env";
import type { Deps, RequestMeta } from "../deps";
import type { CurrentSession } from "../services/identity/sessions";

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    deps: Deps;
    meta: RequestMeta;
    session: CurrentSession | null;
  };
}
