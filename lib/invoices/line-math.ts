// Form input for invoice lines: quantities as integer thousandths, tax rates as basis points.
// Integers end to end so totals never depend on float rounding.

import { formatScaled, parseScaledDecimal } from "@/lib/money";

const QUANTITY_SCALE = 3;
const MAX_QUANTITY_MILLI = 1_000_000_000; // 1,000,000 units
const TAX_SCALE = 2;
const MAX_TAX_BPS = 10_000; // 100%

export type QuantityParseResult = { ok: true; milli: number } | { ok: false; message: string };

/** "3" → 3000, "1.5" → 1500, "0.125" → 125. Must be > 0 and ≤ 1,000,000 with at most 3 decimals. */
export function parseQuantity(input: string): QuantityParseResult {
  const parsed = parseScaledDecimal(input, { scale: QUANTITY_SCALE, allowGrouping: true });
  if (!parsed.ok) {
    if (parsed.reason === "precision") return { ok: false, message: "Quantity has at most 3 decimal places" };
    return { ok: false, message: "Enter a quantity such as 1 or 7.5" };
  }
  if (parsed.value <= 0n) return { ok: false, message: "Quantity must be more than 0" };
  if (parsed.value > BigInt(MAX_QUANTITY_MILLI)) {
    return { ok: false, message: "Quantity can be at most 1,000,000" };
  }
  return { ok: true, milli: Number(parsed.value) };
}

/** 3000 → "3", 1500 → "1.5", 125 → "0.125". */
export function formatQuantity(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`Quantity must be an integer: ${milli}`);
  return formatScaled(BigInt(milli), QUANTITY_SCALE, { trimZeros: true });
}

export type TaxRateParseResult = { ok: true; bps: number | null } | { ok: false; message: string };

/** "20" → 2000 (20%), "5.5" → 550, "0" → 0 (zero-rated), "" → null (no tax). A trailing "%" is allowed. */
export function parseTaxRate(input: string): TaxRateParseResult {
  const text = input.trim().replace(/\s*%$/, "");
  if (input.trim() === "") return { ok: true, bps: null };
  const parsed = parseScaledDecimal(text, { scale: TAX_SCALE });
  if (!parsed.ok) {
    if (parsed.reason === "precision") return { ok: false, message: "Tax rate has at most 2 decimal places" };
    return { ok: false, message: "Enter a tax rate such as 20 or 5.5" };
  }
  if (parsed.value < 0n || parsed.value > BigInt(MAX_TAX_BPS)) {
    return { ok: false, message: "Tax rate must be between 0 and 100" };
  }
  return { ok: true, bps: Number(parsed.value) };
}

/** 2000 → "20", 550 → "5.5", 0 → "0". */
export function formatTaxRate(bps: number): string {
  if (!Number.isSafeInteger(bps)) throw new RangeError(`Tax rate must be an integer: ${bps}`);
  return formatScaled(BigInt(bps), TAX_SCALE, { trimZeros: true });
}
