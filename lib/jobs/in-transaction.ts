import "server-only";
import PgBoss from "pg-boss";
import type { Database } from "@/db";

// The driver client under a Drizzle transaction: postgres.js's transaction (`unsafe`) or PGlite's
// (`query`). Drizzle 0.45 keeps it on `session.client` of both transaction classes; reached here only,
// and checked, so a Drizzle upgrade that moves it fails the first enqueue (and the tests) loudly.
type PostgresJsClient = { unsafe(text: string, values: unknown[]): Promise<Record<string, unknown>[]> };
type PgliteClient = { query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

function driverClient(tx: Database): PostgresJsClient | PgliteClient {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  // postgres.js's transaction is a function (a tagged template) with methods; PGlite's an object.
  if (client && (typeof client === "object" || typeof client === "function")) {
    if ("unsafe" in client && typeof client.unsafe === "function") return client as PostgresJsClient;
    if ("query" in client && typeof client.query === "function") return client as PgliteClient;
  }
  throw new Error("no driver client under this Drizzle transaction (lib/jobs/in-transaction.ts)");
}

// pg-boss hands its parameters to `pg`, which sends objects as JSON and undefined as NULL; postgres.js
// would refuse undefined and stringify objects as "[object Object]".
function parameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value))
    return JSON.stringify(value);
  return value;
}

/** pg-boss's `db` option bound to the caller's transaction: its job inserts commit or roll back with it. */
export function transactionExecutor(tx: Database): PgBoss.Db {
  const client = driverClient(tx);
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const params = values.map(parameter);
      if ("unsafe" in client) return { rows: await client.unsafe(text, params) };
      return { rows: (await client.query(text, params)).rows };
    },
  };
}

// Only builds statements: every call passes the caller's transaction as `db`, so this instance never
// connects anywhere, and processes without a running engine (scripts, JOBS_IN_PROCESS=false) can
// still queue jobs.
const holder = globalThis as typeof globalThis & { __sixthdeskJobWriter?: PgBoss };
function writer(): PgBoss {
  holder.__sixthdeskJobWriter ??= new PgBoss({
    db: {
      executeSql: () => Promise.reject(new Error("job writer used without a transaction")),
    },
  });
  return holder.__sixthdeskJobWriter;
}

export type JobToInsert = { id: string; data: object; singletonKey?: string };

/**
 * Inserts jobs into `queue` in the caller's transaction, in one statement; the queue's own policy
 * (retries, backoff, expiry) applies. A job whose id exists is skipped. `tx` must be a transaction.
 */
export async function insertJobsInTransaction(
  tx: Database,
  queue: string,
  jobs: JobToInsert[],
): Promise<void> {
  if (jobs.length === 0) return;
  await writer().insert(
    jobs.map((job) => ({ id: job.id, name: queue, data: job.data, singletonKey: job.singletonKey })),
    { db: transactionExecutor(tx) },
  );
}
