// Invoice totals: each line is quantity × unit amount, tax is rounded half-up per line, and the
// invoice is the integer sum of its lines. BigInt in between so products past 2^53 stay exact.

import { roundHalfUpDiv, sumMinor } from "@/lib/money";

export type LineInput = { quantityMilli: number; unitAmountMinor: number; taxRateBps: number | null };
export type LineTotals = { subtotalMinor: number; taxMinor: number; totalMinor: number };
export type InvoiceTotals = {
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: LineTotals[];
};

const MILLI_PER_UNIT = 1000n;
const BPS_PER_WHOLE = 10_000n;

function toSafeNumber(value: bigint, what: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`${what} is too large to represent exactly`);
  return result;
}

function assertLine(line: LineInput): void {
  if (!Number.isSafeInteger(line.quantityMilli) || line.quantityMilli < 0) {
    throw new RangeError(`quantityMilli must be a non-negative integer: ${line.quantityMilli}`);
  }
  // Negative unit amounts are allowed: a discount or credit line.
  if (!Number.isSafeInteger(line.unitAmountMinor)) {
    throw new RangeError(`unitAmountMinor must be an integer: ${line.unitAmountMinor}`);
  }
  const bps = line.taxRateBps;
  if (bps !== null && (!Number.isSafeInteger(bps) || bps < 0 || bps > Number(BPS_PER_WHOLE))) {
    throw new RangeError(`taxRateBps must be an integer from 0 to 10000: ${bps}`);
  }
}

export function computeLine(line: LineInput): LineTotals {
  assertLine(line);
  const subtotal = roundHalfUpDiv(BigInt(line.quantityMilli) * BigInt(line.unitAmountMinor), MILLI_PER_UNIT);
  const tax =
    line.taxRateBps === null ? 0n : roundHalfUpDiv(subtotal * BigInt(line.taxRateBps), BPS_PER_WHOLE);
  return {
    subtotalMinor: toSafeNumber(subtotal, "Line subtotal"),
    taxMinor: toSafeNumber(tax, "Line tax"),
    totalMinor: toSafeNumber(subtotal + tax, "Line total"),
  };
}

export function computeInvoiceTotals(lines: readonly LineInput[]): InvoiceTotals {
  const lineTotals = lines.map(computeLine);
  return {
    subtotalMinor: sumMinor(lineTotals.map((line) => line.subtotalMinor)),
    taxMinor: sumMinor(lineTotals.map((line) => line.taxMinor)),
    totalMinor: sumMinor(lineTotals.map((line) => line.totalMinor)),
    lines: lineTotals,
  };
}

/**
 * What is still to pay: total − paid, never below zero (refunds do not reopen an invoice, and a
 * payment beyond the total leaves nothing due rather than a negative amount).
 */
export function amountDueMinor(invoice: { totalMinor: number; paidMinor: number }): number {
  return Math.max(0, invoice.totalMinor - invoice.paidMinor);
}
