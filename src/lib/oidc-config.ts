import * as v from "valibot";

const ProviderSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  nameTh: v.string(),
  nameEn: v.string(),
  issuer: v.pipe(v.string(), v.url()),
  clientId: v.string(),
  scopes: v.optional(v.array(v.string()), []),
  tokenEndpointAuthMethod: v.optional(v.picklist(["client_secret_basic", "client_secret_post"]), "client_secret_basic"),
});

export interface OidcProvider extends v.InferOutput<typeof ProviderSchema> {
  clientSecret: string | null;
}

/** The secret's binding name for a provider id: `OIDC_CLIENT_SECRET_<ID>` with `-` as `_`. */
export function clientSecretName(id: string): string {
  return `OIDC_CLIENT_SECRET_${id.toUpperCase().replaceAll("-", "_")}`;
}

/**
 * Reads `OIDC_PROVIDERS` (a string holding JSON, or a JSON-typed variable). A malformed value
 * is a configuration error: it is logged and no provider is offered, rather than failing
 * every request.
 */
export function readOidcProviders(env: Record<string, unknown>): OidcProvider[] {
  const raw = env.OIDC_PROVIDERS;
  if (raw === undefined || raw === null || raw === "") return [];
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      console.error("OIDC_PROVIDERS is not valid JSON; no OpenID provider is offered");
      return [];
    }
  }
  const parsed = v.safeParse(v.array(ProviderSchema), value);
  if (!parsed.success) {
    console.error("OIDC_PROVIDERS is not valid:", parsed.issues.map((i) => i.message).join("; "));
    return [];
  }
  return parsed.output.map((p) => {
    const secret = env[clientSecretName(p.id)];
    return {
      ...p,
      scopes: [...new Set(["openid", ...p.scopes])],
      clientSecret: typeof secret === "string" && secret ? secret : null,
    };
  });
}
