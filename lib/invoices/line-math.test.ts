import { describe, expect, it } from "vitest";
import { formatQuantity, formatTaxRate, parseQuantity, parseTaxRate } from "./line-math";

describe("parseQuantity", () => {
  it.each([
    ["3", 3000],
    ["1.5", 1500],
    ["7.5", 7500],
    ["0.125", 125],
    ["0.001", 1],
    [" 2 ", 2000],
    [".5", 500],
    ["2.", 2000],
    ["1.2500", 1250],
    ["1,000", 1_000_000],
    ["1000000", 1_000_000_000],
    ["999,999.999", 999_999_999],
  ])("%j → %i", (input, milli) => {
    expect(parseQuantity(input)).toEqual({ ok: true, milli });
  });

  it.each(["abc", "", "  ", "1e3", "0x10", "+1", "--1", "1.2.3", "½", "1 000", "Infinity", "3 hours"])(
    "rejects %j",
    (input) => {
      expect(parseQuantity(input)).toEqual({ ok: false, message: "Enter a quantity such as 1 or 7.5" });
    },
  );

  it.each(["0", "0.000", "-1", "-0.5", "-0"])("rejects zero or negative %j", (input) => {
    expect(parseQuantity(input)).toEqual({ ok: false, message: "Quantity must be more than 0" });
  });

  it("allows at most 3 decimals", () => {
    expect(parseQuantity("1.2345")).toEqual({ ok: false, message: "Quantity has at most 3 decimal places" });
    expect(parseQuantity("0.0001")).toEqual({ ok: false, message: "Quantity has at most 3 decimal places" });
  });

  it("caps at 1,000,000", () => {
    const tooMany = { ok: false, message: "Quantity can be at most 1,000,000" };
    expect(parseQuantity("1000000.001")).toEqual(tooMany);
    expect(parseQuantity("1000001")).toEqual(tooMany);
    expect(parseQuantity("99999999999999999999")).toEqual(tooMany);
  });
});

describe("formatQuantity", () => {
  it.each([
    [3000, "3"],
    [1500, "1.5"],
    [125, "0.125"],
    [1, "0.001"],
    [1250, "1.25"],
    [1_000_000_000, "1000000"],
  ])("%i → %s", (milli, text) => {
    expect(formatQuantity(milli)).toBe(text);
  });

  it("round-trips with parseQuantity", () => {
    for (const milli of [1, 10, 100, 999, 1000, 1001, 7500, 123_456_789]) {
      expect(parseQuantity(formatQuantity(milli))).toEqual({ ok: true, milli });
    }
  });

  it("throws on non-integers", () => {
    expect(() => formatQuantity(1.5)).toThrow(RangeError);
  });
});

describe("parseTaxRate", () => {
  it.each([
    ["20", 2000],
    ["5.5", 550],
    ["0", 0],
    ["0.00", 0],
    ["100", 10_000],
    ["12.34", 1234],
    ["0.01", 1],
    [" 17.5 ", 1750],
    ["20%", 2000],
    ["5.5 %", 550],
  ])("%j → %i bps", (input, bps) => {
    expect(parseTaxRate(input)).toEqual({ ok: true, bps });
  });

  it("reads an empty field as no tax, which is not the same as 0%", () => {
    expect(parseTaxRate("")).toEqual({ ok: true, bps: null });
    expect(parseTaxRate("   ")).toEqual({ ok: true, bps: null });
    expect(parseTaxRate("0")).toEqual({ ok: true, bps: 0 });
  });

  it.each(["abc", "%", "1e1", "0x10", "twenty", "20%%", "1,000"])("rejects %j", (input) => {
    expect(parseTaxRate(input)).toEqual({ ok: false, message: "Enter a tax rate such as 20 or 5.5" });
  });

  it("allows at most 2 decimals", () => {
    expect(parseTaxRate("5.555")).toEqual({ ok: false, message: "Tax rate has at most 2 decimal places" });
  });

  it.each(["-1", "-0.01", "100.01", "150"])("rejects out-of-range %j", (input) => {
    expect(parseTaxRate(input)).toEqual({ ok: false, message: "Tax rate must be between 0 and 100" });
  });
});

describe("formatTaxRate", () => {
  it.each([
    [2000, "20"],
    [550, "5.5"],
    [0, "0"],
    [1, "0.01"],
    [1234, "12.34"],
    [10_000, "100"],
  ])("%i → %s", (bps, text) => {
    expect(formatTaxRate(bps)).toBe(text);
  });

  it("round-trips with parseTaxRate", () => {
    for (const bps of [0, 1, 50, 550, 1750, 2000, 10_000]) {
      expect(parseTaxRate(formatTaxRate(bps))).toEqual({ ok: true, bps });
    }
  });

  it("throws on non-integers", () => {
    expect(() => formatTaxRate(5.5)).toThrow(RangeError);
  });
});
