import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { type AccountToken, accountTokens } from "../schema";

type Purpose = AccountToken["purpose"];

/** Stores a new token and retires the User's earlier unused ones of that purpose: only the last link works. */
export async function replaceAccountToken(
  tx: Database,
  params: {
    userId: string;
    purpose: Purpose;
    tokenHash: string;
    email: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await tx
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, params.userId),
        eq(accountTokens.purpose, params.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
  await tx.insert(accountTokens).values(params);
}

/**
 * Marks a live token used and returns it, in one statement: of two requests with the same link, one
 * gets the row and the other nothing. Unknown, used and expired tokens all come back undefined.
 */
export async function takeAccountToken(
  db: Database,
  params: { tokenHash: string; purpose: Purpose; now: Date },
): Promise<AccountToken | undefined> {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: params.now })
    .where(
      and(
        eq(accountTokens.tokenHash, params.tokenHash),
        eq(accountTokens.purpose, params.purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, params.now),
      ),
    )
    .returning();
  return row;
}

/** Whether a link would still work, without using it (the page shows the form, or says it expired). */
export async function findLiveAccountToken(
  db: Database,
  params: { tokenHash: string; purpose: Purpose; now: Date },
): Promise<AccountToken | undefined> {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, params.tokenHash),
        eq(accountTokens.purpose, params.purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, params.now),
      ),
    )
    .limit(1);
  return row;
}

/** Retires every unused link of that purpose (a password change kills pending reset links). */
export async function retireAccountTokens(tx: Database, params: { userId: string; purpose: Purpose }) {
  await tx
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, params.userId),
        eq(accountTokens.purpose, params.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
}
