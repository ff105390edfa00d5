import type postgres from "postgres";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Database } from "@/db";
import type { IntegrationHarness } from "../../support/harness";
import { type FaultPoint, openFaultDatabase } from "./fault-database";

// Every table a money operation writes. Rows are compared whole, in a fixed order.
const TABLES = [
  "invoices",
  "invoice_items",
  "payments",
  "refunds",
  "disputes",
  "stripe_events",
  "email_outbox",
  // The job engine's jobs (an email's job is written in the same transaction as the email).
  "pgboss.job",
  "audit_log",
  "outstanding_totals",
] as const;

async function snapshot(admin: postgres.Sql): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const [row] = await admin.unsafe<{ rows: string | null }[]>(
      `select json_agg(t order by t::text)::text as rows from ${table} t`,
    );
    parts.push(`${table}: ${row?.rows ?? "[]"}`);
  }
  return parts.join("\n");
}

/**
 * Binds a fault database to the harness's database (PostgreSQL only: the faults are backends
 * terminated by pg_terminate_backend, which PGlite does not have).
 */
export function faultDatabase(h: IntegrationHarness) {
  let opened: ReturnType<typeof openFaultDatabase> | null = null;
  beforeAll(async () => {
    if (inject("dbKind") !== "postgres") {
      throw new Error("the fault tests run on PostgreSQL only: run them with TEST_DB=postgres");
    }
    const { url } = h.handle;
    if (!url) throw new Error("the harness's PostgreSQL database has no URL");
    opened = openFaultDatabase({ url, snapshot });
  });
  afterAll(async () => {
    await opened?.close();
  });
  const get = () => {
    if (!opened) throw new Error("the fault database is read before its beforeAll ran");
    return opened;
  };
  return { get };
}

export type AtomicCase<C> = {
  /** A fresh starting point for one run (made on the harness's own, fault-free database). */
  setup: () => Promise<C>;
  /** The money operation, on the database given (the fault one). */
  operation: (db: Database, context: C) => Promise<unknown>;
  /** What the operation must have achieved once it has run to the end (after a fault: once retried). */
  check: (context: C) => Promise<void>;
};

/**
 * Runs the operation once without faults to count the statements of its transactions, then once per
 * fault point: the backend dies before each statement (while the transaction's callback is between
 * statements) and once after the last (between it and COMMIT). Each time the operation must fail,
 * no statement may succeed on the dead transaction, the database must be exactly as it was before the
 * transaction that was struck, and the operation, run again, must reach its full result on the pool,
 * which has healed by itself.
 */
export async function expectAtomicUnderFaults<C>(
  fault: ReturnType<typeof faultDatabase>,
  c: AtomicCase<C>,
): Promise<{ statements: number }> {
  const fdb = fault.get();
  const first = await c.setup();
  fdb.arm(null);
  await c.operation(fdb.db, first);
  await c.check(first);
  const statements = fdb.statements;
  expect(statements).toBeGreaterThan(0);

  const points: FaultPoint[] = [
    ...Array.from({ length: statements }, (_, at) => ({ at, when: "before" as const })),
    { at: statements - 1, when: "after" },
  ];
  for (const point of points) {
    const context = await c.setup();
    fdb.arm(point);
    const outcome = await c.operation(fdb.db, context).then(
      () => "completed",
      (error: unknown) => error,
    );
    const where = `fault ${point.when} statement ${point.at} of ${statements}`;
    expect(fdb.struck, where).not.toBeNull();
    expect(fdb.violations, where).toEqual([]);
    expect(outcome, where).toBeInstanceOf(Error);
    expect(await snapshot(fdb.admin), where).toBe(fdb.struck?.snapshotBefore);

    fdb.arm(null);
    await c.operation(fdb.db, context);
    await c.check(context);
  }
  return { statements };
}
