import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { recoveryCodes, users } from "../schema";

export async function setPendingTotpSecret(db: Database, params: { userId: string; sealed: string }) {
  await db.update(users).set({ totpPendingSecret: params.sealed }).where(eq(users.id, params.userId));
}

/**
 * Turns two-factor on with the pending secret and replaces the recovery codes, in one transaction (the
 * caller's). Only if the pending secret is still the one the code was checked against.
 */
export async function enableTotp(
  tx: Database,
  params: { userId: string; sealed: string; step: number; codeHashes: string[] },
): Promise<boolean> {
  const updated = await tx
    .update(users)
    .set({ totpSecret: params.sealed, totpPendingSecret: null, totpLastStep: params.step })
    .where(and(eq(users.id, params.userId), eq(users.totpPendingSecret, params.sealed)))
    .returning({ id: users.id });
  if (updated.length === 0) return false;
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, params.userId));
  await tx
    .insert(recoveryCodes)
    .values(params.codeHashes.map((codeHash) => ({ userId: params.userId, codeHash })));
  return true;
}

/** Turns two-factor off and ends every session (the caller signs this browser in again if it wants). */
export async function disableTotp(tx: Database, userId: string) {
  await tx
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Records the TOTP step just used; false if another request used this step (or a later one) first. */
export async function claimTotpStep(
  db: Database,
  params: { userId: string; step: number },
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: params.step })
    .where(
      and(eq(users.id, params.userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, params.step))),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function unusedRecoveryCodes(db: Database, userId: string) {
  return db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** Crosses a recovery code out; false if it was already used (two requests racing with one code). */
export async function spendRecoveryCode(db: Database, params: { userId: string; id: string; at: Date }) {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: params.at })
    .where(
      and(
        eq(recoveryCodes.id, params.id),
        eq(recoveryCodes.userId, params.userId),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}
