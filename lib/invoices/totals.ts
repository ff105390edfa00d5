// Invoice totals each line is quantity × unit amount, tax is rounded half-up per
// line, and the invoice is the integer sum of its lines — then rounded half-up to the step Stripe charges
// the currency in (KWD ending in 0, ISK in whole krónur), the difference kept as a visible rounding line,
// so the amount due is always one Stripe takes. BigInt in between so products past 2^53 stay exact.

import { roundHalfUpDiv, roundToChargeStep, sumMinor } from "@/lib/money";

export type LineInput = { quantityMilli: number; unitAmountMinor: number; taxRateBps: number | null };
export type LineTotals = { subtotalMinor: number; taxMinor: number; totalMinor: number };
export type InvoiceTotals = {
  subtotalMinor: number;
  taxMinor: number;
  /** totalMinor − (subtotalMinor + taxMinor): the rounding to the currency's charge step, often 0. */
  roundingMinor: number;
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

export function computeInvoiceTotals(lines: readonly LineInput[], currency: string): InvoiceTotals {
  const lineTotals = lines.map(computeLine);
  const linesMinor = sumMinor(lineTotals.map((line) => line.totalMinor));
  const totalMinor = roundToChargeStep(linesMinor, currency);
  return {
    subtotalMinor: sumMinor(lineTotals.map((line) => line.subtotalMinor)),
    taxMinor: sumMinor(lineTotals.map((line) => line.taxMinor)),
    roundingMinor: totalMinor - linesMinor,
    totalMinor,
    lines: lineTotals,
  };
}

/**
 * What a line shows under "Amount", everywhere (invoice page, pay page, PDF, the editor): quantity × unit
 * price before tax. The lines then add up to the subtotal, and tax is added once, below them.
 */
export function lineAmountMinor(line: Pick<LineTotals, "subtotalMinor">): number {
  return line.subtotalMinor;
}

/** The rounding an invoice carries: what its total adds to (or takes from) the sum of its lines. */
export function invoiceRoundingMinor(invoice: {
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}): number {
  return invoice.totalMinor - invoice.subtotalMinor - invoice.taxMinor;
}

/**
 * What is still to pay: total − paid, never below zero (refunds do not reopen an invoice, and a
 * payment beyond the total leaves nothing due rather than a negative amount).
 */
export function amountDueMinor(invoice: { totalMinor: number; paidMinor: number }): number {
  return Math.max(0, invoice.totalMinor - invoice.paidMinor);
}
