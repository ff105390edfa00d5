import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { type NewUser, signInThrottles, type User, users } from "../schema";
import { retireAccountTokens } from "./account-tokens";
import { isUniqueViolation } from "./pg-errors";

export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: "email_taken" };

export async function createUser(db: Database, values: NewUser): Promise<CreateUserResult> {
  try {
    const [user] = await db.insert(users).values(values).returning();
    if (!user) throw new Error("insert returned no row");
    return { ok: true, user };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

/** Looks a user up by email for sign-in; not scoped, because nobody is signed in yet. */
export async function findUserByEmailForSignIn(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function getUserById(db: Database, userId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return user;
}

/** Hands out the next invoice number; the row lock of the UPDATE serialises concurrent callers. */
export async function takeNextInvoiceSequence(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ lastInvoiceSeq: sql`${users.lastInvoiceSeq} + 1` })
    .where(eq(users.id, userId))
    .returning({ seq: users.lastInvoiceSeq });
  if (!row) throw new Error("user not found while numbering an invoice");
  return row.seq;
}

export async function getSignInThrottle(db: Database, key: string) {
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key)).limit(1);
  return row;
}

/** Counts a failed sign-in atomically; failures older than windowStart no longer count. */
export async function incrementSignInFailures(
  db: Database,
  params: { key: string; at: Date; windowStart: Date },
): Promise<number> {
  const [row] = await db
    .insert(signInThrottles)
    .values({ key: params.key, failures: 1, lastFailureAt: params.at })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: sql`case when ${signInThrottles.lastFailureAt} < ${params.windowStart.toISOString()} then 1 else ${signInThrottles.failures} + 1 end`,
        lastFailureAt: params.at,
      },
    })
    .returning({ failures: signInThrottles.failures });
  return row?.failures ?? 1;
}

export async function blockSignIn(db: Database, params: { key: string; until: Date }) {
  await db
    .update(signInThrottles)
    .set({ blockedUntil: params.until })
    .where(eq(signInThrottles.key, params.key));
}

export async function clearSignInThrottle(db: Database, key: string) {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

/** Ends every session of the User: cookies issued under an older version stop working at once. */
export async function bumpSessionVersion(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? 0;
}

/**
 * Sets a new password, ends every session and retires pending reset links (a reset link dies with any
 * password change), in the caller's transaction.
 */
export async function replacePassword(
  tx: Database,
  params: { userId: string; passwordHash: string; verifyEmail: boolean; now: Date },
): Promise<boolean> {
  await retireAccountTokens(tx, { userId: params.userId, purpose: "password_reset" });
  const rows = await tx
    .update(users)
    .set({
      passwordHash: params.passwordHash,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      ...(params.verifyEmail
        ? {
            emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${params.now.toISOString()}::timestamptz)`,
          }
        : {}),
    })
    .where(eq(users.id, params.userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Confirms the address a verification link was sent to, if it is still the User's address. */
export async function markEmailVerified(db: Database, params: { userId: string; email: string; now: Date }) {
  const rows = await db
    .update(users)
    .set({ emailVerifiedAt: params.now })
    .where(and(eq(users.id, params.userId), eq(users.email, params.email)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export type ChangeEmailResult = { ok: true } | { ok: false; reason: "email_taken" | "not_found" };

/** Moves the User to a confirmed new address and ends every session, in the caller's transaction. */
export async function changeEmail(
  tx: Database,
  params: { userId: string; email: string; now: Date },
): Promise<ChangeEmailResult> {
  try {
    const rows = await tx
      .update(users)
      .set({
        email: params.email,
        emailVerifiedAt: params.now,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, params.userId))
      .returning({ id: users.id });
    return rows.length > 0 ? { ok: true } : { ok: false, reason: "not_found" };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}
