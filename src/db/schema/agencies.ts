import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Government agencies and the mail domains that speak for them.

export const agencies = sqliteTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull(),
    ministryTh: text("ministry_th"),
    ministryEn: text("ministry_en"),
    executiveName: text("executive_name"),
    executivePosition: text("executive_position"),
    executiveEmail: text("executive_email"),
    reviewRequired: integer("review_required", { mode: "boolean" }).notNull().default(false),
    /** The executive must also confirm with a one-time code before a decision counts. */
    strongerApproval: integer("stronger_approval", { mode: "boolean" }).notNull().default(false),
    /** Deputies who may decide in the executive's place (JSON array of addresses). */
    delegateEmails: text("delegate_emails").notNull().default("[]"),
    /** Who also gets the request after `fallbackAfterDays` without a decision. */
    fallbackName: text("fallback_name"),
    fallbackEmail: text("fallback_email"),
    fallbackAfterDays: integer("fallback_after_days").notNull().default(5),
    /** Days after sending on which approvers are reminded (JSON array). */
    reminderDays: text("reminder_days").notNull().default("[3,7]"),
    approvalTtlDays: integer("approval_ttl_days").notNull().default(14),
    /** The CKAN organization's `name` its stewards are editors of (null: not provisioned). */
    ckanOrganization: text("ckan_organization"),
    /** The id of the last edit: its batch's later statements (domains, approvers, audit) check it. */
    transitionId: text("transition_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  // One agency per Thai name: the directory checks it first, the index holds it when two create at once.
  (t) => [uniqueIndex("agencies_name_th").on(t.nameTh)],
);

export const agencyDomains = sqliteTable(
  "agency_domains",
  {
    domain: text("domain").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [index("agency_domains_agency").on(t.agencyId)],
);
