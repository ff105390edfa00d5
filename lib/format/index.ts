// The one place dates, amounts and cards are written for people. Every function takes the reader's
// preferences (see preferences.ts), so a User's locale and time zone apply everywhere at once.
// Pure module: used by server pages, client components and email templates alike.
import { formatMoney as formatMinor } from "@/lib/money";
import type { FormatPreferences } from "./preferences";

export { DEFAULT_FORMAT_PREFERENCES, type FormatPreferences, formatPreferencesOf } from "./preferences";

/**
 * Where a date is shown decides its length: the dashboard's tables and headers use the short month
 * ("13 Dec 2026"), documents a Customer reads (the invoice, the pay page, the receipt, emails) spell it out
 * ("13 December 2026").
 */
export type DateContext = "dashboard" | "document";

const MONTH: Record<DateContext, "short" | "long"> = { dashboard: "short", document: "long" };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat is slow next to using one: keep one per locale and options. */
function dateFormat(locale: string, context: DateContext, options: Intl.DateTimeFormatOptions) {
  const all: Intl.DateTimeFormatOptions = {
    day: "numeric",
    month: MONTH[context],
    year: "numeric",
    ...options,
  };
  const key = `${locale}|${JSON.stringify(all)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, all);
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A calendar day stored as "YYYY-MM-DD" (issue and due dates). It names the same day in every time zone,
 * so it is formatted in UTC whatever the reader's zone: "2026-12-13" is 13 December everywhere.
 */
export function formatDay(isoDay: string, prefs: FormatPreferences, context: DateContext = "dashboard") {
  return dateFormat(prefs.locale, context, { timeZone: "UTC" }).format(new Date(`${isoDay}T00:00:00Z`));
}

const dayParts = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day ("YYYY-MM-DD") an instant falls on in a time zone: "today" for a User in Auckland is
 * not today in UTC. Compared with stored issue and due dates, which are calendar days too.
 */
export function isoDayIn(at: Date, timeZone: string): string {
  let formatter = dayParts.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayParts.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The day an instant falls on in the reader's time zone (e.g. when dispute evidence is due). */
export function formatDate(at: Date, prefs: FormatPreferences, context: DateContext = "dashboard") {
  return dateFormat(prefs.locale, context, { timeZone: prefs.timeZone }).format(at);
}

/** An instant with its time and zone: "13 Dec 2026, 14:05 UTC". The zone is named so nobody guesses it. */
export function formatDateTime(at: Date, prefs: FormatPreferences, context: DateContext = "dashboard") {
  const time = { hour: "numeric", minute: "2-digit", timeZoneName: "short" } as const;
  return dateFormat(prefs.locale, context, { ...time, timeZone: prefs.timeZone }).format(at);
}

/** An amount in minor units, in the reader's locale; the money module knows each currency's exponent. */
export function formatMoney(minor: number, currency: string, prefs: FormatPreferences): string {
  return formatMinor(minor, currency, prefs.locale);
}

// Stripe's `card.brand` values whose name is not the value with a capital letter.
const BRAND_NAMES: Record<string, string> = {
  amex: "American Express",
  diners: "Diners Club",
  eftpos_au: "eftpos Australia",
  jcb: "JCB",
  unionpay: "UnionPay",
  unknown: "Card",
};

/** "Visa ending 4242"; "Card" when Stripe told us nothing about it. */
export function formatCard(brand: string | null | undefined, last4: string | null | undefined): string {
  const name = brand ? (BRAND_NAMES[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1)) : "Card";
  return last4 ? `${name} ending ${last4}` : name;
}
