import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./identity";

// Versioned terms of use and the evidence of each acceptance.

export const termsVersions = sqliteTable("terms_versions", {
  version: text("version").primaryKey(),
  titleTh: text("title_th").notNull(),
  titleEn: text("title_en").notNull(),
  bodyTh: text("body_th").notNull(),
  bodyEn: text("body_en").notNull(),
  sha256: text("sha256").notNull(),
  effectiveAt: integer("effective_at").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const termsAcceptances = sqliteTable(
  "terms_acceptances",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    version: text("version")
      .notNull()
      .references(() => termsVersions.version),
    sha256: text("sha256").notNull(),
    acceptedAt: integer("accepted_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [uniqueIndex("terms_acceptances_user_version").on(t.userId, t.version)],
);
