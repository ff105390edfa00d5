import "server-only";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Database } from "../client";
import { oauthStates } from "../schema";

export async function insertOauthState(
  db: Database,
  params: { userId: string; stateHash: string; expiresAt: Date },
) {
  await db.insert(oauthStates).values(params);
}

/**
 * Consumes a state once: only an unused, unexpired state of this User matches, and it is marked used
 * in the same statement, so two callbacks racing with one state cannot both succeed.
 */
export async function consumeOauthState(
  db: Database,
  params: { userId: string; stateHash: string; now: Date },
) {
  const [row] = await db
    .update(oauthStates)
    .set({ usedAt: params.now })
    .where(
      and(
        eq(oauthStates.stateHash, params.stateHash),
        eq(oauthStates.userId, params.userId),
        isNull(oauthStates.usedAt),
        gt(oauthStates.expiresAt, params.now),
      ),
    )
    .returning({ id: oauthStates.id });
  return row !== undefined;
}

/** Expired states are useless (an unknown state is rejected like an expired one), so they can go. */
export async function deleteExpiredOauthStates(db: Database, params: { userId: string; now: Date }) {
  await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.userId, params.userId), lt(oauthStates.expiresAt, params.now)));
}
