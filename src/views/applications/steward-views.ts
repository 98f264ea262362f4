import type { MembershipStatus } from "../../lib/vocabulary";

// What the stewards pages show of a steward role and its keys (the JSON API's shapes).

export interface StewardView {
  membershipId: string;
  status: MembershipStatus;
  since: string;
  statusChangedAt: string | null;
  statusReason: string | null;
  applicationId: string | null;
  agency: { id: string; nameTh: string; nameEn: string };
  user: { id: string; email: string | null; name: string; status: string };
  activeKeys: number;
}

export interface KeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: "active" | "rotating" | "revoked" | "expired";
  createdAt: string;
  expiresAt: string | null;
  graceUntil: string | null;
  lastUsedAt: string | null;
}
