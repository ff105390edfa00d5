import "server-only";
import type { Database } from "@/db";
import { clearWindow, countHit, deleteExpiredWindows, readWindow } from "@/db/queries/rate-limits";

// Fixed windows counted in PostgreSQL (or PGlite): every app instance shares one count per key, and
// nothing is kept in a process's memory. The policies live in ./policies.ts.

export type Policy = { name: string; limit: number; windowMs: number };

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

const keyOf = (policy: Policy, subject: string) => `${policy.name}:${subject}`;

function decide(policy: Policy, state: { hits: number; windowStart: Date }, now: Date): LimitDecision {
  if (state.hits <= policy.limit) return { allowed: true };
  const retryAfterMs = state.windowStart.getTime() + policy.windowMs - now.getTime();
  return { allowed: false, retryAfterMs: Math.max(1000, retryAfterMs) };
}

/** Counts an attempt and says whether it is within the limit. */
export async function consume(
  db: Database,
  policy: Policy,
  subject: string,
  now = new Date(),
): Promise<LimitDecision> {
  const state = await countHit(db, { key: keyOf(policy, subject), now, windowMs: policy.windowMs });
  // A window just started: sweep a few ended ones, so old clients' rows do not pile up.
  if (state.hits === 1) await deleteExpiredWindows(db, { now, batch: 50 });
  return decide(policy, state, now);
}

/** Whether the next attempt would be allowed, without counting one (for limits on failures only). */
export async function peek(
  db: Database,
  policy: Policy,
  subject: string,
  now = new Date(),
): Promise<LimitDecision> {
  const state = await readWindow(db, keyOf(policy, subject));
  if (!state || state.windowStart.getTime() + policy.windowMs <= now.getTime()) return { allowed: true };
  return decide(policy, { ...state, hits: state.hits + 1 }, now);
}

export async function reset(db: Database, policy: Policy, subject: string): Promise<void> {
  await clearWindow(db, keyOf(policy, subject));
}

/** The first refusal among several limits, each counted (all of them, so none can be dodged). */
export async function consumeAll(
  db: Database,
  checks: ReadonlyArray<readonly [Policy, string]>,
  now = new Date(),
): Promise<LimitDecision> {
  let worst: LimitDecision = { allowed: true };
  for (const [policy, subject] of checks) {
    const decision = await consume(db, policy, subject, now);
    if (!decision.allowed && (worst.allowed || decision.retryAfterMs > worst.retryAfterMs)) worst = decision;
  }
  return worst;
}

/** "2 minutes", "45 seconds": how long to wait, in plain words. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
