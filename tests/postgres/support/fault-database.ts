import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/db";
import * as schema from "@/db/schema";

/**
 * Where a fault strikes: at the `at`-th statement (counted from 0 across every transaction the
 * operation opens), either `before` it is sent (the backend dies while the callback was awaiting
 * something else) or `after` its answer came back (the backend dies between two statements).
 */
export type FaultPoint = { at: number; when: "before" | "after" };

type Plan = {
  fault: FaultPoint | null;
  /** Statements sent inside transactions so far (counting run or faulted run). */
  statements: number;
  /** Set when the fault struck: the database as it was just before that transaction began. */
  struck: { snapshotBefore: string } | null;
  /** Statements that succeeded through a transaction after its backend was terminated. */
  violations: string[];
};

type Sql = postgres.Sql;

/**
 * A database handle on `url` whose transactions can be made to lose their backend at a chosen
 * statement: the test terminates the transaction's own backend with pg_terminate_backend from another
 * connection, waits until the driver has seen the connection close, and lets the transaction go on.
 * Every statement of a transaction goes through `unsafe` (drizzle's postgres-js session), which is
 * where the fault is placed and where a statement that still succeeds afterwards is caught.
 */
export function openFaultDatabase(options: { url: string; snapshot: (admin: Sql) => Promise<string> }) {
  const admin = postgres(options.url, { max: 1, onnotice: () => {} });
  const closeWaiters = new Set<() => void>();
  const client = postgres(options.url, {
    max: 4,
    onnotice: () => {},
    connect_timeout: 5,
    onclose: () => {
      for (const resolve of closeWaiters) resolve();
      closeWaiters.clear();
    },
  });
  const plan: Plan = { fault: null, statements: 0, struck: null, violations: [] };

  const waitForClose = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the driver never saw the backend close")), 10_000);
      closeWaiters.add(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function kill(pid: number) {
    const closed = waitForClose();
    await admin`select pg_terminate_backend(${pid})`;
    await closed;
  }

  function wrapTransaction(
    tx: postgres.TransactionSql,
    snapshotBefore: string | null,
  ): postgres.TransactionSql {
    let pid: number | null = null;
    let dead = false;
    const run = async <T>(query: string, send: () => Promise<T>): Promise<T> => {
      pid ??= (await tx<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]?.pid ?? null;
      const index = plan.statements++;
      const strikes = plan.fault?.at === index ? plan.fault.when : null;
      if (strikes && pid !== null) {
        plan.struck = { snapshotBefore: snapshotBefore ?? "" };
      }
      if (strikes === "before" && pid !== null) {
        await kill(pid);
        dead = true;
      }
      const result = await send();
      if (dead) plan.violations.push(query);
      if (strikes === "after" && pid !== null) {
        await kill(pid);
        dead = true;
      }
      return result;
    };
    return new Proxy(tx, {
      get(target, key, receiver) {
        if (key !== "unsafe") return Reflect.get(target, key, receiver);
        return (
          query: string,
          params?: postgres.ParameterOrJSON<never>[],
          opts?: postgres.UnsafeQueryOptions,
        ) => {
          const make = () => target.unsafe(query, params, opts);
          return {
            values: () => run(query, () => make().values()),
            // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the query object itself
            then: <A, B>(ok: (v: postgres.RowList<postgres.Row[]>) => A, fail: (e: unknown) => B) =>
              run(query, () => make()).then(ok, fail),
          };
        };
      },
    });
  }

  const faulty = new Proxy(client, {
    get(target, key, receiver) {
      if (key !== "begin") return Reflect.get(target, key, receiver);
      return async (fn: (tx: postgres.TransactionSql) => Promise<unknown>) => {
        // Only the transaction the fault will strike in needs its "before" picture; taking one for every
        // transaction would only slow the run.
        const snapshotBefore = plan.fault ? await options.snapshot(admin) : null;
        return target.begin((tx) => fn(wrapTransaction(tx, snapshotBefore)));
      };
    },
  });

  const db: Database = drizzle(faulty, { schema });
  return {
    db,
    admin,
    /** Arms one fault (or none) for the next operation and resets the counters. */
    arm(fault: FaultPoint | null) {
      plan.fault = fault;
      plan.statements = 0;
      plan.struck = null;
      plan.violations = [];
    },
    get statements() {
      return plan.statements;
    },
    get struck() {
      return plan.struck;
    },
    get violations() {
      return plan.violations;
    },
    async close() {
      await client.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    },
  };
}
