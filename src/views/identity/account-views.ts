// What the account page is handed (the route maps the services' rows to these).

export type PasskeyView = { id: string; name: string; createdAt: string; lastUsedAt: string | null };
export type SessionView = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
};
export type IdentityView = {
  id: string;
  type: "email" | "oidc";
  email: string | null;
  provider: string | null;
  issuer: string | null;
  createdAt: string;
};
export type ProviderView = { id: string; nameTh: string; nameEn: string };
