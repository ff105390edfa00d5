import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { users } from "../schema";

export type ReconcileTarget = { userId: string; accountId: string };

/**
 * Every connected account and its User, for `npm run reconcile` (an operator's job: not scoped by a
 * User, and named for it).
 */
export async function listConnectedAccountsForReconcile(db: Database): Promise<ReconcileTarget[]> {
  const rows = await db
    .select({ userId: users.id, accountId: users.stripeAccountId })
    .from(users)
    .where(and(isNotNull(users.stripeAccountId), eq(users.stripeConnectionStatus, "connected")))
    .orderBy(asc(users.createdAt));
  return rows.flatMap((r) => (r.accountId ? [{ userId: r.userId, accountId: r.accountId }] : []));
}

/** The User who holds this account now, for `npm run reconcile -- --account acct_…`. */
export async function findReconcileTargetForAccount(
  db: Database,
  accountId: string,
): Promise<ReconcileTarget | undefined> {
  const [row] = await db
    .select({ userId: users.id })
    .from(users)
    .where(eq(users.stripeAccountId, accountId))
    .limit(1);
  return row ? { userId: row.userId, accountId } : undefined;
}
