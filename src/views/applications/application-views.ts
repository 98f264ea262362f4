// What the applicant's pages are handed (the route maps the services' rows to these).

export type ApproverView = { name: string | null; position: string | null; email: string; nominated: boolean };

export type ApplicationView = {
  id: string;
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
};

export type ResubmitValues = { position: string; phone: string; reason: string };
