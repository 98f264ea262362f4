import { and, eq, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, applications, memberships, outbox } from "../../src/db/schema";
import { insertWhere, runBatch, transitionApplied, type Statement } from "../../src/db/guarded";
import { newId } from "../../src/lib/ids";
import type { Application } from "../../src/db/schema";
import { db } from "../helpers/fixtures";
import { NOW, applicationIn, applicationRow, membershipsOf } from "../helpers/workflow-fixtures";
import { auditOf, snapshot } from "../helpers/db";

/** The statements of an approval, built like commitApplicationTransition builds them. */
function approvalStatements(app: Application, casVersion: number, transitionId = newId("tx")) {
  const guard = transitionApplied("applications", app.id, transitionId);
  const membershipId = newId("mem");
  const statements: Statement[] = [
    db
      .update(applications)
      .set({ status: "approved", version: sql`${applications.version} + 1`, transitionId, updatedAt: NOW + 1 })
      .where(
        and(eq(applications.id, app.id), eq(applications.status, app.status), eq(applications.version, casVersion)),
      )
      .returning({ id: applications.id }),
    insertWhere(
      db,
      memberships,
      {
        id: membershipId,
        userId: app.userId,
        agencyId: app.agencyId,
        applicationId: app.id,
        role: "steward",
        status: "active",
        createdAt: NOW,
        updatedAt: NOW,
      },
      guard,
    ),
    insertWhere(
      db,
      auditEvents,
      {
        id: newId("aud"),
        at: NOW,
        actor: "test",
        action: "application.executive_approved",
        subject: `application:${app.id}`,
        detail: "{}",
      },
      guard,
    ),
    insertWhere(
      db,
      outbox,
      {
        id: newId("msg"),
        template: "application_approved",
        to: JSON.stringify([app.applicantEmail]),
        subject: "s",
        text: "t",
        html: "h",
        status: "pending",
        nextAttemptAt: NOW,
        createdAt: NOW,
      },
      guard,
    ),
  ];
  return { statements, guard, membershipId };
}

const outboxOf = (address: string) =>
  db
    .select()
    .from(outbox)
    .where(eq(outbox.to, JSON.stringify([address])));

// Last statements that each fail inside SQLite, after every earlier statement succeeded.
// Drizzle's builders are thenables: they are returned wrapped, or `await` would run them.
const FAILING_LAST: {
  name: string;
  error: RegExp;
  statement: (app: Application, guard: SQL) => Promise<{ last: Statement }>;
}[] = [
  {
    name: "a duplicate primary key",
    error: /UNIQUE constraint failed: audit_events\.id/,
    statement: async (app) => {
      const id = newId("aud");
      await db.insert(auditEvents).values({ id, at: NOW, actor: "test", action: "seed", subject: `seed:${app.id}` });
      return {
        last: db
          .insert(auditEvents)
          .values({ id, at: NOW, actor: "test", action: "duplicate", subject: `application:${app.id}` }),
      };
    },
  },
  {
    name: "a NOT NULL violation",
    error: /NOT NULL constraint failed: memberships\.created_at/,
    // insertWhere takes partial values: leaving out created_at makes SQLite refuse the row.
    statement: async (app, guard) => ({
      last: insertWhere(
        db,
        memberships,
        {
          id: newId("mem"),
          userId: app.userId,
          agencyId: app.agencyId,
          role: "steward",
          status: "active",
          updatedAt: NOW,
        },
        guard,
      ),
    }),
  },
  {
    name: "a foreign key violation",
    error: /FOREIGN KEY constraint failed/,
    statement: async (app, guard) => ({
      last: insertWhere(
        db,
        memberships,
        {
          id: newId("mem"),
          userId: "usr_missing",
          agencyId: app.agencyId,
          role: "steward",
          status: "active",
          createdAt: NOW,
          updatedAt: NOW,
        },
        guard,
      ),
    }),
  },
];

describe("runBatch is all or nothing", () => {
  it("the statements of a transition commit together when nothing fails (control)", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const { statements, membershipId } = approvalStatements(ctx.application, 0);
    const [cas, ...rest] = await runBatch(db, statements);
    expect(cas).toEqual([{ id: ctx.application.id }]);
    expect(rest).toHaveLength(3);
    expect(await applicationRow(ctx.application.id)).toMatchObject({ status: "approved", version: 1 });
    expect(await membershipsOf(ctx.application.id)).toMatchObject([{ id: membershipId }]);
    expect(await auditOf(`application:${ctx.application.id}`)).toHaveLength(1);
    expect(await outboxOf(ctx.application.applicantEmail)).toHaveLength(1);
  });

  it.each(FAILING_LAST)(
    "a batch that fails at its last statement ($name) leaves no partial rows",
    async ({ statement, error }) => {
      const ctx = await applicationIn("awaiting_executive");
      const { statements, guard } = approvalStatements(ctx.application, 0);
      statements.push((await statement(ctx.application, guard)).last);
      const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);

      await expect(runBatch(db, statements)).rejects.toThrow(error);

      expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
        before,
      );
      expect(await applicationRow(ctx.application.id)).toMatchObject({
        status: "awaiting_executive",
        version: 0,
        transitionId: null,
      });
      expect(await membershipsOf(ctx.application.id)).toHaveLength(0);
      expect(await auditOf(`application:${ctx.application.id}`)).toHaveLength(0);
      expect(await outboxOf(ctx.application.applicantEmail)).toHaveLength(0);
    },
  );

  it("a batch that failed can be retried and then commits once", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const failing = approvalStatements(ctx.application, 0);
    failing.statements.push((await FAILING_LAST[1]!.statement(ctx.application, failing.guard)).last);
    await expect(runBatch(db, failing.statements)).rejects.toThrow(/NOT NULL/);
    const [cas] = await runBatch(db, approvalStatements(ctx.application, 0).statements);
    expect(cas).toHaveLength(1);
    expect(await auditOf(`application:${ctx.application.id}`)).toHaveLength(1);
    expect(await membershipsOf(ctx.application.id)).toHaveLength(1);
  });
});

describe("guarded side rows", () => {
  it("insertWhere with a transitionApplied guard writes nothing when the CAS matched nothing", async () => {
    const ctx = await applicationIn("awaiting_executive", { version: 3 });
    const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
    const [cas, ...rest] = await runBatch(db, approvalStatements(ctx.application, 2).statements);
    expect(cas).toEqual([]);
    for (const rows of rest) expect(rows).toEqual([]);
    expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
      before,
    );
  });

  it("a row stamped by an earlier transition does not open the guard of a new one", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const first = approvalStatements(ctx.application, 0);
    await runBatch(db, first.statements);
    const stamped = await applicationRow(ctx.application.id);
    expect(stamped.transitionId).toMatch(/^tx_/);

    // The same (now stale) transition again, with a fresh id: its CAS misses, its rows are skipped.
    const before = await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"]);
    const [cas] = await runBatch(db, approvalStatements(ctx.application, 0).statements);
    expect(cas).toEqual([]);
    expect(await snapshot(["applications", "audit_events", "outbox", "memberships", "one_time_tokens"])).toEqual(
      before,
    );
    expect(await applicationRow(ctx.application.id)).toEqual(stamped);
  });

  it("the guard holds exactly for the transition id the row carries", async () => {
    const ctx = await applicationIn("awaiting_executive");
    const transitionId = newId("tx");
    await runBatch(db, approvalStatements(ctx.application, 0, transitionId).statements);
    const holds = async (id: string) => {
      const rows = await db.all<{ ok: number }>(
        sql`SELECT ${transitionApplied("applications", ctx.application.id, id)} AS ok`,
      );
      return rows[0]!.ok === 1;
    };
    expect(await holds(transitionId)).toBe(true);
    expect(await holds(newId("tx"))).toBe(false);
  });
});
