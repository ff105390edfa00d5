import "server-only";
import type { Database } from "@/db";
import {
  blockSignIn,
  clearSignInThrottle,
  getSignInThrottle,
  incrementSignInFailures,
} from "@/db/queries/users";

// Five free attempts per email within the window, then an exponentially growing wait (30 s, 60 s,
// … capped at 15 minutes). Stored in the database so every app instance enforces the same limit.
export const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export function throttleKey(email: string) {
  return `email:${email}`;
}

/** Milliseconds the caller must still wait, or 0. */
export async function signInWaitMs(db: Database, key: string, now: Date): Promise<number> {
  const row = await getSignInThrottle(db, key);
  if (!row?.blockedUntil) return 0;
  return Math.max(0, row.blockedUntil.getTime() - now.getTime());
}

export async function recordSignInFailure(db: Database, key: string, now: Date) {
  const failures = await incrementSignInFailures(db, {
    key,
    at: now,
    windowStart: new Date(now.getTime() - WINDOW_MS),
  });
  const delay = delayAfterFailures(failures);
  if (delay > 0) await blockSignIn(db, { key, until: new Date(now.getTime() + delay) });
}

export async function recordSignInSuccess(db: Database, key: string) {
  await clearSignInThrottle(db, key);
}
