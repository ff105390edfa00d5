import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../client";

/**
 * Dead letters that came from one queue and wait to be retried (pg-boss 10 copies the job's data, which
 * names its queue, into the dead-letter queue). Read from pg-boss's job table in the app's database.
 */
export async function countDeadLettersFrom(
  db: Database,
  params: { deadLetterQueue: string; queue: string },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`pgboss.job`)
    .where(
      sql`name = ${params.deadLetterQueue} and data->>'queue' = ${params.queue} and state in ('created', 'retry', 'active')`,
    );
  return Number(row?.n ?? 0);
}
