// What the applicant's pages are handed (the route maps the services' rows to these).

export type ApproverView = { name: string | null; position: string | null; email: string; nominated: boolean };

export type ApplicationView = {
  id: string;
  /** เลขที่คำขอ: the number people quote on the phone. */
  reference: string;
  agencyNameTh: string;
  agencyNameEn: string;
  role: string;
  status: string;
  position: string;
  phone: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  deadlineAt: string | null;
  approver: ApproverView | null;
  /** Shown as awaiting_review, but no approver is confirmed yet: DGA must confirm one first. */
  awaitingApprover: boolean;
  /** The executive's decision: who, when, their comment. */
  executiveDecision: { by: string; at: string; reason: string | null } | null;
  /** The steward role the application granted, as it stands now (it may have been suspended or ended since). */
  membership: MembershipView | null;
};

export type MembershipView = { id: string; status: string; changedAt: string | null; reason: string | null };

export type ResubmitValues = { position: string; phone: string; reason: string };
