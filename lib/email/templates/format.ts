// Pieces shared by the templates. Dates, amounts and cards are written by lib/format, in the seller's
// preferences, as documents ("30 November 2026 at 10:30 UTC"): the zone is named because emails are read
// anywhere.

export type RenderedEmail = { subject: string; text: string; html: string };

export const PRODUCT_NAME = "SixthDesk";

/** Plain-text lines of "label: value" pairs. */
export function rowsText(rows: { label: string; value: string }[]): string {
  return rows.map((r) => `${r.label}: ${r.value}`).join("\n");
}
