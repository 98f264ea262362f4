import type { Bindings } from "./env";
import type { Deps, RequestMeta } from "./services/deps";
import type { CurrentSession } from "./services/sessions";

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    deps: Deps;
    meta: RequestMeta;
    session: CurrentSession | null;
  };
}
