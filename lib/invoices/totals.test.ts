import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, computeLine, invoiceRoundingMinor, type LineInput } from "./totals";

const line = (
  quantityMilli: number,
  unitAmountMinor: number,
  taxRateBps: number | null = null,
): LineInput => ({
  quantityMilli,
  unitAmountMinor,
  taxRateBps,
});

describe("computeLine", () => {
  it("3 × £19.99 is exactly £59.97", () => {
    expect(computeLine(line(3000, 1999))).toEqual({ subtotalMinor: 5997, taxMinor: 0, totalMinor: 5997 });
  });

  it("rounds the subtotal half-up: 1.5 × £33.33 = £49.995 → £50.00", () => {
    expect(computeLine(line(1500, 3333)).subtotalMinor).toBe(5000);
  });

  it("rounds just below a half down: 1.5 × £33.31 = £49.965 → £49.97, 0.333 × £0.01 → £0.00", () => {
    expect(computeLine(line(1500, 3331)).subtotalMinor).toBe(4997);
    expect(computeLine(line(333, 1)).subtotalMinor).toBe(0);
    expect(computeLine(line(500, 1)).subtotalMinor).toBe(1);
  });

  it("20% VAT on £0.05 is £0.01", () => {
    expect(computeLine(line(1000, 5, 2000))).toEqual({ subtotalMinor: 5, taxMinor: 1, totalMinor: 6 });
  });

  it("rounds tax half-up: 5% on £0.10 = 0.5p → 1p; 20% on £0.02 = 0.4p → 0p; 20% on £0.03 = 0.6p → 1p", () => {
    expect(computeLine(line(1000, 10, 500)).taxMinor).toBe(1);
    expect(computeLine(line(1000, 2, 2000)).taxMinor).toBe(0);
    expect(computeLine(line(1000, 3, 2000)).taxMinor).toBe(1);
  });

  it("taxes the rounded subtotal: 7.5 h × £45.55 at 20%", () => {
    // 7.5 × 45.55 = 341.625 → 341.63; 20% of 341.63 = 68.326 → 68.33
    expect(computeLine(line(7500, 4555, 2000))).toEqual({
      subtotalMinor: 34163,
      taxMinor: 6833,
      totalMinor: 40996,
    });
  });

  it("treats no tax (null) and 0% alike in amount", () => {
    expect(computeLine(line(2000, 1000, null))).toEqual(computeLine(line(2000, 1000, 0)));
  });

  it("charges 100% tax when asked", () => {
    expect(computeLine(line(1000, 1234, 10_000))).toEqual({
      subtotalMinor: 1234,
      taxMinor: 1234,
      totalMinor: 2468,
    });
  });

  it("handles JPY, which has no minor unit: 3 × ¥1,234 at 10%, 1.5 × ¥333", () => {
    expect(computeLine(line(3000, 1234, 1000))).toEqual({
      subtotalMinor: 3702,
      taxMinor: 370,
      totalMinor: 4072,
    });
    expect(computeLine(line(1500, 333)).subtotalMinor).toBe(500); // ¥499.5 → ¥500
  });

  it("handles KWD's three decimals: 2 × KWD 1.234 at 5%", () => {
    // 2.468 KWD; 5% = 0.1234 → 0.123
    expect(computeLine(line(2000, 1234, 500))).toEqual({
      subtotalMinor: 2468,
      taxMinor: 123,
      totalMinor: 2591,
    });
    // 0.5 × KWD 0.005 = 0.0025 → 0.003
    expect(computeLine(line(500, 5)).subtotalMinor).toBe(3);
  });
});

describe("computeLine overflow and validation", () => {
  it("stays exact just under 2^53", () => {
    // 0.001 × 999,999,999,999 = 999,999,999.999 → 1,000,000,000
    expect(computeLine(line(1, 999_999_999_999)).subtotalMinor).toBe(1_000_000_000);
    // 1,000 × £99,999,999.99 at 20%: product 9,999,999,999,000,000 exceeds 2^53 before the division
    expect(computeLine(line(1_000_000, 9_999_999_999, 2000))).toEqual({
      subtotalMinor: 9_999_999_999_000,
      taxMinor: 1_999_999_999_800,
      totalMinor: 11_999_999_998_800,
    });
  });

  it("throws instead of returning an inexact total", () => {
    expect(() => computeLine(line(1_000_000_000, 999_999_999_999))).toThrow(RangeError);
    expect(() => computeLine(line(1_000_000_000, 9_007_199_254_740, 10_000))).toThrow(RangeError);
  });

  it("rejects invalid inputs", () => {
    expect(() => computeLine(line(1.5, 100))).toThrow(RangeError);
    expect(() => computeLine(line(-1000, 100))).toThrow(RangeError);
    expect(() => computeLine(line(1000, 1.5))).toThrow(RangeError);
    expect(() => computeLine(line(1000, Number.NaN))).toThrow(RangeError);
    expect(() => computeLine(line(1000, 100, -1))).toThrow(RangeError);
    expect(() => computeLine(line(1000, 100, 10_001))).toThrow(RangeError);
    expect(() => computeLine(line(1000, 100, 20.5))).toThrow(RangeError);
  });

  it("rounds credit lines symmetrically (half away from zero)", () => {
    expect(computeLine(line(1500, -3333))).toEqual({ subtotalMinor: -5000, taxMinor: 0, totalMinor: -5000 });
    expect(computeLine(line(1000, -5, 1000))).toEqual({ subtotalMinor: -5, taxMinor: -1, totalMinor: -6 });
  });
});

describe("computeInvoiceTotals", () => {
  it("is all zeros for no lines", () => {
    expect(computeInvoiceTotals([], "gbp")).toEqual({
      subtotalMinor: 0,
      taxMinor: 0,
      roundingMinor: 0,
      totalMinor: 0,
      lines: [],
    });
  });

  it("sums lines as integers", () => {
    const totals = computeInvoiceTotals(
      [line(3000, 1999, 2000), line(7500, 4555, 2000), line(1000, 500, null)],
      "gbp",
    );
    expect(totals.lines).toEqual([
      { subtotalMinor: 5997, taxMinor: 1199, totalMinor: 7196 },
      { subtotalMinor: 34163, taxMinor: 6833, totalMinor: 40996 },
      { subtotalMinor: 500, taxMinor: 0, totalMinor: 500 },
    ]);
    expect(totals).toMatchObject({ subtotalMinor: 40660, taxMinor: 8032, totalMinor: 48692 });
    expect(totals.totalMinor).toBe(totals.subtotalMinor + totals.taxMinor);
  });

  it("rounds tax per line, which differs from taxing the invoice total", () => {
    // Three lines of £0.03 at 20%: 0.6p each → 1p each → 3p; taxing the 9p total would give 1.8p → 2p.
    const lines = [line(1000, 3, 2000), line(1000, 3, 2000), line(1000, 3, 2000)];
    const totals = computeInvoiceTotals(lines, "gbp");
    const wholeInvoiceTax = Math.round((totals.subtotalMinor * 2000) / 10_000);
    expect(wholeInvoiceTax).toBe(2);
    expect(totals.taxMinor).toBe(3);
    expect(totals).toMatchObject({ subtotalMinor: 9, totalMinor: 12 });
  });

  it("mixes rates and credit lines", () => {
    const totals = computeInvoiceTotals(
      [line(1000, 10_000, 2000), line(1000, 5000, 500), line(1000, -1000, 2000)],
      "gbp",
    );
    expect(totals).toMatchObject({ subtotalMinor: 14000, taxMinor: 2050, totalMinor: 16050 });
  });

  it("throws if the invoice total would not be a safe integer", () => {
    const huge = line(1_000_000, 4_503_599_627_370, null); // each line ≈ 2^52 × 1000 / 1000
    expect(() => computeInvoiceTotals([huge, huge, huge], "gbp")).toThrow(RangeError);
  });

  it("rounds a KWD total half-up to 0.010 and keeps the difference as rounding", () => {
    // KWD 1.234 + 20% tax (0.247) = 1.481 → 1.480; KWD 1.235 → 1.240.
    const down = computeInvoiceTotals([line(1000, 1234, 2000)], "kwd");
    expect(down).toMatchObject({ subtotalMinor: 1234, taxMinor: 247, roundingMinor: -1, totalMinor: 1480 });
    const up = computeInvoiceTotals([line(1000, 1235, null)], "kwd");
    expect(up).toMatchObject({ roundingMinor: 5, totalMinor: 1240 });
    expect(invoiceRoundingMinor(up)).toBe(5);
  });

  it("rounds an ISK total to whole krónur and leaves GBP and JPY alone", () => {
    // 1.5 × 101 kr = 151.50 kr → 152 kr.
    expect(computeInvoiceTotals([line(1500, 10100, null)], "isk")).toMatchObject({
      roundingMinor: 50,
      totalMinor: 15200,
    });
    expect(computeInvoiceTotals([line(1000, 1999, 2000)], "gbp").roundingMinor).toBe(0);
    expect(computeInvoiceTotals([line(1500, 333, null)], "jpy")).toMatchObject({
      roundingMinor: 0,
      totalMinor: 500,
    });
    expect(computeInvoiceTotals([line(1000, 1235, null)], "bhd").totalMinor).toBe(1240);
  });
});
