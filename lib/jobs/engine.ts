import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db";
import { errorContext, logger } from "@/lib/logger";

/** Where work that exhausted its retries goes: kept, counted and retryable (lib/jobs/failed.ts). */
export const DEAD_LETTER_QUEUE = "dead-letter";

/**
 * pg-boss's SQL through PGlite. Its schema and maintenance commands are several statements in one text
 * without parameters: those go through `exec` (simple protocol); the rest through `query`. PGlite
 * queues both behind any open transaction, so they never interleave with the app's own.
 */
export function pgliteExecutor(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
  };
}

export type JobEngineOptions = {
  /** Run cron schedules on this engine (one per process is enough; pg-boss dedupes across processes). */
  schedule?: boolean;
};

/**
 * A pg-boss on the app's database: on PostgreSQL its own small pool (the `pg` driver), on PGlite the one
 * embedded client. Its tables live in the `pgboss` schema, created and upgraded by `start()`.
 */
export function createJobEngine(handle: DatabaseHandle, options: JobEngineOptions = {}): PgBoss {
  const common = {
    schedule: options.schedule ?? true,
    supervise: true,
    // Finished jobs are kept a week for inspection, then deleted.
    deleteAfterDays: 7,
    archiveCompletedAfterSeconds: 60 * 60,
  };
  let boss: PgBoss;
  if (handle.kind === "postgres") {
    if (!handle.url) throw new Error("the PostgreSQL handle has no URL");
    boss = new PgBoss({
      ...common,
      connectionString: handle.url,
      max: 4,
      application_name: "sixthdesk-jobs",
    });
  } else {
    if (!handle.pglite) throw new Error("the PGlite handle has no client");
    boss = new PgBoss({ ...common, db: pgliteExecutor(handle.pglite) });
  }
  boss.on("error", (error) => logger.error("job engine error", errorContext(error)));
  return boss;
}
