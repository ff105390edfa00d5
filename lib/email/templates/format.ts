// Formatting shared by the templates. Emails are read anywhere, so dates are shown in UTC and say so.

const DAY = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const MOMENT = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** "2026-11-30" → "30 November 2026". */
export function formatDay(isoDate: string): string {
  return DAY.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatMoment(at: Date): string {
  return `${MOMENT.format(at)} UTC`;
}

/** "Visa ending 4242"; "Card" when Stripe told us nothing about it. */
export function cardLabel(brand: string | null, last4: string | null): string {
  const name = brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : "Card";
  return last4 ? `${name} ending ${last4}` : name;
}

export type RenderedEmail = { subject: string; text: string; html: string };

export const PRODUCT_NAME = "SixthDesk";

/** Plain-text lines of "label: value" pairs. */
export function rowsText(rows: { label: string; value: string }[]): string {
  return rows.map((r) => `${r.label}: ${r.value}`).join("\n");
}
