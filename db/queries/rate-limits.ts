import "server-only";
import { eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { rateLimits } from "../schema";

export type WindowState = { hits: number; windowStart: Date };

/**
 * Counts one hit on `key` in one statement: a window older than `windowMs` starts again at 1. The
 * upsert takes the row's lock, so hits from any number of instances are counted exactly.
 */
export async function countHit(
  db: Database,
  params: { key: string; now: Date; windowMs: number },
): Promise<WindowState> {
  const windowFloor = new Date(params.now.getTime() - params.windowMs).toISOString();
  const expiresAt = new Date(params.now.getTime() + params.windowMs);
  const stale = sql`${rateLimits.windowStart} <= ${windowFloor}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key: params.key, windowStart: params.now, hits: 1, expiresAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${stale} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${stale} then ${params.now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
        expiresAt: sql`case when ${stale} then ${expiresAt.toISOString()}::timestamptz else ${rateLimits.expiresAt} end`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
  if (!row) throw new Error("rate limit upsert returned no row");
  return row;
}

export async function readWindow(db: Database, key: string): Promise<WindowState | undefined> {
  const [row] = await db
    .select({ hits: rateLimits.hits, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(eq(rateLimits.key, key))
    .limit(1);
  return row;
}

export async function clearWindow(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Drops up to `batch` windows that ended. Called whenever a window starts (limiter.ts), so the table
 * stays about as large as the set of recent clients without a scheduled job; any instance may run it.
 */
export async function deleteExpiredWindows(
  db: Database,
  params: { now: Date; batch: number },
): Promise<number> {
  const expired = db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(lt(rateLimits.expiresAt, params.now))
    .limit(params.batch)
    // Rows another instance is sweeping (or counting) are left to it: no waiting, no deadlock.
    .for("update", { skipLocked: true });
  const rows = await db
    .delete(rateLimits)
    .where(inArray(rateLimits.key, expired))
    .returning({ key: rateLimits.key });
  return rows.length;
}
