import { parseQuantity, parseTaxRate } from "@/lib/invoices/line-math";
import { computeInvoiceTotals, computeLine, type LineInput, lineAmountMinor } from "@/lib/invoices/totals";
import { parseMoney } from "@/lib/money";

export type LiveTotals = {
  /** Each line's amount before tax (what the invoice will show), or null while the line cannot be parsed. */
  lines: (number | null)[];
  /** Invoice totals, or null until every line parses. */
  invoice: { subtotalMinor: number; taxMinor: number; roundingMinor: number; totalMinor: number } | null;
};

/** Totals as the User types, from the same money module the server uses, so the preview cannot disagree. */
export function liveTotals(
  lines: readonly { quantity: string; unitPrice: string; taxRate: string }[],
  currency: string,
): LiveTotals {
  const parsed = lines.map((line): LineInput | null => {
    const q = parseQuantity(line.quantity);
    const p = parseMoney(line.unitPrice, currency);
    const t = parseTaxRate(line.taxRate);
    return q.ok && p.ok && t.ok
      ? { quantityMilli: q.milli, unitAmountMinor: p.minor, taxRateBps: t.bps }
      : null;
  });
  const valid = parsed.filter((line): line is LineInput => line !== null);
  return {
    lines: parsed.map((line) => (line ? lineAmountMinor(computeLine(line)) : null)),
    invoice: valid.length === parsed.length ? computeInvoiceTotals(valid, currency) : null,
  };
}
