// Which reminder steps are due for an invoice. Pure (no clock, no database), so every rule is unit-tested.

/** Days relative to the due date: 3 before, on the day, 7 and 14 after. */
export const DEFAULT_REMINDER_OFFSETS = [-3, 0, 7, 14] as const;
export const MAX_REMINDER_STEPS = 8;
/** A step further than this from the due date is refused (a typo such as 700). */
export const MAX_OFFSET_DAYS = 365;

/** The calendar day ("YYYY-MM-DD") it is at `now` in `timeZone` (an IANA name; UTC if unknown). */
export function localDay(now: Date, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "YYYY-MM-DD" plus whole days, in calendar arithmetic (no time of day, so no daylight-saving shift). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type DueSteps = {
  /** The step to send now: the latest whose day has come. */
  send: { offsetDays: number; dueOn: string } | null;
  /** Earlier steps whose day also passed without a send (downtime, or the invoice sent late): recorded, not sent. */
  skip: { offsetDays: number; dueOn: string }[];
};

/**
 * Of the steps not done yet, those whose local day has come. Only the latest is sent: a customer who
 * should have had "due in 3 days" last week gets the current reminder, not a burst of stale ones.
 */
export function dueSteps(params: {
  dueDate: string;
  offsets: readonly number[];
  done: readonly number[];
  today: string;
}): DueSteps {
  const due = [...new Set(params.offsets)]
    .filter((o) => !params.done.includes(o))
    .map((offsetDays) => ({ offsetDays, dueOn: addDays(params.dueDate, offsetDays) }))
    .filter((step) => step.dueOn <= params.today)
    .sort((a, b) => a.offsetDays - b.offsetDays);
  const send = due.at(-1) ?? null;
  return { send, skip: due.slice(0, -1) };
}

/** Offsets as stored: unique, sorted, within bounds. Throws on anything else (the form validates first). */
export function normaliseOffsets(offsets: readonly number[]): number[] {
  const unique = [...new Set(offsets)].sort((a, b) => a - b);
  if (unique.length > MAX_REMINDER_STEPS) throw new RangeError("too many reminder steps");
  for (const o of unique) {
    if (!Number.isInteger(o) || Math.abs(o) > MAX_OFFSET_DAYS)
      throw new RangeError("reminder step out of range");
  }
  return unique;
}
