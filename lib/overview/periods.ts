// The calendar days the overview's "collected" figures cover, from today in the User's time zone. Pure:
// the query turns each day into the instant it starts in that zone (collected_periods in db/schema).

export type OverviewPeriods = {
  /** The User's calendar day, "YYYY-MM-DD". */
  today: string;
  /** This month: [monthStart, nextMonthStart). */
  monthStart: string;
  nextMonthStart: string;
  /** The last 30 days, today included: [last30Start, tomorrow). */
  last30Start: string;
  tomorrow: string;
};

const DAY_MS = 86_400_000;

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function overviewPeriods(today: string): OverviewPeriods {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return {
    today,
    monthStart: `${today.slice(0, 7)}-01`,
    nextMonthStart: next,
    last30Start: addDays(today, -29),
    tomorrow: addDays(today, 1),
  };
}
