import type { KeyView, StewardView } from "../applications/steward-views";

// What the people pages show of a person (the JSON API's shapes).

export interface PersonRow {
  id: string;
  email: string | null;
  name: string;
  status: "active" | "suspended" | "deleted";
  isAdmin: boolean;
  createdAt: string;
}

export interface PersonView {
  user: PersonRow;
  emails: { email: string; verifiedAt: string }[];
  oidc: { providerId: string; email: string | null }[];
  passkeys: number;
  roles: StewardView[];
  keys: KeyView[];
  waitingUntil: string | null;
}
