// Recurring-invoice dates. Pure (no clock, no database): every rule is unit-tested. Days are local
// calendar days "YYYY-MM-DD" in the User's time zone, so daylight-saving changes cannot move a run.
import type { RecurringFrequency } from "@/db/schema";
import { addDays } from "@/lib/reminders/schedule";

export { addDays, localDay } from "@/lib/reminders/schedule";

const MONTHS: Record<Exclude<RecurringFrequency, "weekly">, number> = {
  monthly: 1,
  quarterly: 3,
  yearly: 12,
};

export type SeriesRule = {
  frequency: RecurringFrequency;
  startOn: string;
  lastDayOfMonth: boolean;
  endOn: string | null;
  maxRuns: number | null;
  /**
   * Runs of the schedule counted before this series began: an edit that changes the cadence or the next
   * date starts a new series from the next run, and the count (`maxRuns`) goes on across both.
   */
  seriesOffset?: number;
};

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The day of run number `index` (0 is the start). Always computed from the start, never from the
 * previous run, so a 31st clamped to the 28th of February is the 31st again in March.
 */
export function runDay(
  rule: Pick<SeriesRule, "frequency" | "startOn" | "lastDayOfMonth">,
  index: number,
): string {
  if (rule.frequency === "weekly") return addDays(rule.startOn, 7 * index);
  const [y = 0, m = 1, d = 1] = rule.startOn.split("-").map(Number);
  const total = m - 1 + index * MONTHS[rule.frequency];
  const year = y + Math.floor(total / 12);
  const month0 = ((total % 12) + 12) % 12;
  const last = daysInMonth(year, month0);
  const day = rule.lastDayOfMonth ? last : Math.min(d, last);
  return `${String(year).padStart(4, "0")}-${String(month0 + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whether run `index` belongs to the series (before the end date and within the count). */
export function inSeries(rule: SeriesRule, index: number): boolean {
  if (rule.maxRuns !== null && (rule.seriesOffset ?? 0) + index >= rule.maxRuns) return false;
  return rule.endOn === null || runDay(rule, index) <= rule.endOn;
}

/** The first run of the series on or after `day` from `fromIndex` on; null when the series has ended. */
export function firstRunFrom(rule: SeriesRule, fromIndex: number, day: string): number | null {
  for (let i = fromIndex; inSeries(rule, i); i++) {
    if (runDay(rule, i) >= day) return i;
    // Guard: weekly over 1000 years is far past any schedule the form accepts.
    if (i - fromIndex > 60_000) return null;
  }
  return null;
}

/**
 * The runs due at `today` from `nextIndex` on, oldest first: every missed run (downtime is caught up,
 * each run issued once), at most `limit` of them per call; the caller comes back for the rest.
 */
export function dueRuns(rule: SeriesRule, nextIndex: number, today: string, limit: number) {
  const runs: { index: number; runOn: string }[] = [];
  for (let i = nextIndex; runs.length < limit && inSeries(rule, i); i++) {
    const runOn = runDay(rule, i);
    if (runOn > today) break;
    runs.push({ index: i, runOn });
  }
  return runs;
}
