import "server-only";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db";
import { errorContext, logger } from "@/lib/logger";
import { engineConnection } from "./queues";

export { DEAD_LETTER_QUEUE, pgliteExecutor } from "./queues";

export type JobEngineOptions = {
  /** Run cron schedules on this engine (one per process is enough; pg-boss dedupes across processes). */
  schedule?: boolean;
};

/**
 * A pg-boss on the app's database: on PostgreSQL its own small pool (the `pg` driver), on PGlite the one
 * embedded client. Its tables live in the `pgboss` schema, created and upgraded by `start()` (and by
 * migrating: lib/jobs/queues.ts).
 */
export function createJobEngine(handle: DatabaseHandle, options: JobEngineOptions = {}): PgBoss {
  const boss = new PgBoss({
    ...engineConnection(handle),
    schedule: options.schedule ?? true,
    supervise: true,
    // Finished jobs are kept a week for inspection, then deleted.
    deleteAfterDays: 7,
    archiveCompletedAfterSeconds: 60 * 60,
  });
  boss.on("error", (error) => logger.error("job engine error", errorContext(error)));
  return boss;
}
