import { describe, expect, it } from "vitest";
import {
  chargeIncrementMinor,
  currencyExponent,
  formatMoney,
  formatScaled,
  isSupportedCurrency,
  MAX_AMOUNT_MINOR,
  minorToDecimalString,
  parseMoney,
  parseScaledDecimal,
  roundHalfUpDiv,
  SUPPORTED_CURRENCIES,
  sumMinor,
} from "./money";

describe("SUPPORTED_CURRENCIES", () => {
  it("holds Stripe's ~135 lowercase ISO codes without duplicates", () => {
    expect(SUPPORTED_CURRENCIES.length).toBeGreaterThanOrEqual(135);
    expect(new Set(SUPPORTED_CURRENCIES).size).toBe(SUPPORTED_CURRENCIES.length);
    for (const code of SUPPORTED_CURRENCIES) expect(code).toMatch(/^[a-z]{3}$/);
  });

  it("includes the currencies the app relies on", () => {
    for (const code of ["usd", "eur", "gbp", "jpy", "krw", "vnd", "clp", "isk", "huf", "kwd", "bhd"]) {
      expect(SUPPORTED_CURRENCIES).toContain(code);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(SUPPORTED_CURRENCIES)).toBe(true);
  });

  it("every code is one Intl can format", () => {
    for (const code of SUPPORTED_CURRENCIES) expect(() => formatMoney(100, code)).not.toThrow();
  });
});

describe("isSupportedCurrency", () => {
  it("is case-insensitive", () => {
    expect(isSupportedCurrency("gbp")).toBe(true);
    expect(isSupportedCurrency("GBP")).toBe(true);
    expect(isSupportedCurrency("Jpy")).toBe(true);
  });

  it("rejects unknown or malformed codes", () => {
    for (const code of ["xxx", "btc", "", "gb", "gbpp", " gbp"])
      expect(isSupportedCurrency(code)).toBe(false);
  });
});

describe("currencyExponent", () => {
  it.each([
    ["gbp", 2],
    ["usd", 2],
    ["eur", 2],
    ["huf", 2],
    ["isk", 2],
    ["twd", 2],
    ["jpy", 0],
    ["krw", 0],
    ["vnd", 0],
    ["clp", 0],
    ["ugx", 0],
    ["xof", 0],
    ["bhd", 3],
    ["jod", 3],
    ["kwd", 3],
    ["omr", 3],
    ["tnd", 3],
    ["KWD", 3],
  ])("%s → %i", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it("throws on unsupported currencies", () => {
    expect(() => currencyExponent("xxx")).toThrow(RangeError);
    expect(() => currencyExponent("")).toThrow(RangeError);
  });
});

describe("chargeIncrementMinor", () => {
  it("follows Stripe's special cases", () => {
    expect(chargeIncrementMinor("gbp")).toBe(1);
    expect(chargeIncrementMinor("jpy")).toBe(1);
    expect(chargeIncrementMinor("kwd")).toBe(10);
    expect(chargeIncrementMinor("ISK")).toBe(100);
  });
});

describe("parseMoney", () => {
  it.each([
    ["19.99", "gbp", 1999],
    ["0.01", "gbp", 1],
    ["0", "gbp", 0],
    ["5", "gbp", 500],
    [" 5 ", "gbp", 500],
    ["5.", "gbp", 500],
    [".5", "gbp", 50],
    ["5.5", "gbp", 550],
    ["007.10", "gbp", 710],
    ["1,234.50", "gbp", 123450],
    ["12,345,678.90", "usd", 1234567890],
    ["1234.50", "gbp", 123450],
    ["19.990", "gbp", 1999],
    ["500", "jpy", 500],
    ["1,000", "jpy", 1000],
    ["500.0", "jpy", 500],
    ["1.234", "kwd", 1234],
    ["1.5", "kwd", 1500],
    ["1", "KWD", 1000],
    ["40", "isk", 4000],
    ["40.00", "isk", 4000],
    ["9,999,999,999.99", "gbp", MAX_AMOUNT_MINOR],
    ["999999999999", "jpy", MAX_AMOUNT_MINOR],
  ])("%j %s → %i", (input, currency, minor) => {
    expect(parseMoney(input, currency)).toEqual({ ok: true, minor });
  });

  it("reports too many decimals per currency", () => {
    expect(parseMoney("1.234", "gbp")).toEqual({
      ok: false,
      message: "GBP amounts have at most 2 decimal places",
    });
    expect(parseMoney("1.5", "jpy")).toEqual({ ok: false, message: "JPY amounts have no decimal places" });
    expect(parseMoney("1.2345", "kwd")).toEqual({
      ok: false,
      message: "KWD amounts have at most 3 decimal places",
    });
    expect(parseMoney("0.001", "usd")).toEqual({
      ok: false,
      message: "USD amounts have at most 2 decimal places",
    });
  });

  it("refuses fractional krónur, which Stripe cannot charge", () => {
    expect(parseMoney("40.10", "isk")).toEqual({ ok: false, message: "ISK amounts have no decimal places" });
  });

  it.each([
    "",
    "   ",
    "abc",
    "1e3",
    "1E3",
    "0x10",
    "--1",
    "+5",
    "Infinity",
    "NaN",
    ".",
    "-",
    "1.2.3",
    "1 000",
    "£5",
    "5 GBP",
    "1,23",
    "1,2345",
    ",123",
    "1,234,56.00",
    "12,34.5",
    "1.234,50",
    "٥",
    "1".repeat(41),
  ])("rejects %j with an example", (input) => {
    expect(parseMoney(input, "gbp")).toEqual({ ok: false, message: "Enter an amount such as 19.99" });
  });

  it("adapts the example to the currency's decimals", () => {
    expect(parseMoney("abc", "jpy")).toEqual({ ok: false, message: "Enter an amount such as 500" });
    expect(parseMoney("abc", "isk")).toEqual({ ok: false, message: "Enter an amount such as 500" });
    expect(parseMoney("abc", "kwd")).toEqual({ ok: false, message: "Enter an amount such as 12.500" });
  });

  it("rejects negatives unless allowed", () => {
    expect(parseMoney("-5", "gbp")).toEqual({ ok: false, message: "Enter an amount of 0 or more" });
    expect(parseMoney("-5", "gbp", { allowNegative: true })).toEqual({ ok: true, minor: -500 });
    expect(parseMoney("-0.05", "gbp", { allowNegative: true })).toEqual({ ok: true, minor: -5 });
    expect(parseMoney("-1,234.5", "gbp", { allowNegative: true })).toEqual({ ok: true, minor: -123450 });
  });

  it("reads -0 as plain zero", () => {
    const result = parseMoney("-0", "gbp");
    expect(result).toEqual({ ok: true, minor: 0 });
    expect(result.ok && Object.is(result.minor, -0)).toBe(false);
  });

  it("caps amounts at MAX_AMOUNT_MINOR, both signs", () => {
    const tooBig = { ok: false, message: "Enter an amount up to £9,999,999,999.99" };
    expect(parseMoney("10,000,000,000.00", "gbp")).toEqual(tooBig);
    expect(parseMoney("99999999999999999999", "gbp")).toEqual(tooBig);
    expect(parseMoney("9007199254740993", "gbp")).toEqual(tooBig);
    expect(parseMoney("-10000000000", "gbp", { allowNegative: true })).toEqual(tooBig);
    expect(parseMoney("1000000000000", "jpy")).toEqual({
      ok: false,
      message: "Enter an amount up to JP¥999,999,999,999",
    });
  });

  it("never loses precision where floats would", () => {
    // 0.29 * 100 === 28.999999999999996 in floating point
    expect(parseMoney("0.29", "gbp")).toEqual({ ok: true, minor: 29 });
    expect(parseMoney("1.005", "kwd")).toEqual({ ok: true, minor: 1005 });
    expect(parseMoney("9,999,999,999.97", "gbp")).toEqual({ ok: true, minor: 999_999_999_997 });
  });

  it("throws on an unsupported currency (a programming error, not user input)", () => {
    expect(() => parseMoney("5", "xxx")).toThrow(RangeError);
  });
});

describe("minorToDecimalString", () => {
  it.each([
    [1999, "gbp", "19.99"],
    [5, "gbp", "0.05"],
    [-5, "gbp", "-0.05"],
    [0, "gbp", "0.00"],
    [100, "gbp", "1.00"],
    [-123450, "gbp", "-1234.50"],
    [5, "jpy", "5"],
    [-5, "jpy", "-5"],
    [0, "jpy", "0"],
    [1234, "kwd", "1.234"],
    [5, "kwd", "0.005"],
    [4000, "isk", "40.00"],
    [Number.MAX_SAFE_INTEGER, "gbp", "90071992547409.91"],
    [-Number.MAX_SAFE_INTEGER, "usd", "-90071992547409.91"],
  ])("%i %s → %s", (minor, currency, text) => {
    expect(minorToDecimalString(minor, currency)).toBe(text);
  });

  it("round-trips through parseMoney", () => {
    for (const [minor, currency] of [
      [1999, "gbp"],
      [-7, "usd"],
      [123, "jpy"],
      [1234, "kwd"],
      [4000, "isk"],
    ] as const) {
      expect(parseMoney(minorToDecimalString(minor, currency), currency, { allowNegative: true })).toEqual({
        ok: true,
        minor,
      });
    }
  });

  it("throws on non-integers", () => {
    expect(() => minorToDecimalString(1.5, "gbp")).toThrow(RangeError);
    expect(() => minorToDecimalString(Number.NaN, "gbp")).toThrow(RangeError);
    expect(() => minorToDecimalString(2 ** 53, "gbp")).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("formats with the currency's exponent (en-GB by default)", () => {
    expect(formatMoney(1999, "gbp")).toBe("£19.99");
    expect(formatMoney(123450, "GBP")).toBe("£1,234.50");
    expect(formatMoney(0, "gbp")).toBe("£0.00");
    expect(formatMoney(-5, "gbp")).toBe("-£0.05");
    expect(formatMoney(1999, "usd")).toBe("US$19.99");
    expect(formatMoney(1234, "jpy")).toBe("JP¥1,234");
    expect(formatMoney(1234, "kwd")).toBe("KWD\u00a01.234");
    expect(formatMoney(1000, "kwd")).toBe("KWD\u00a01.000");
  });

  it("shows whole krónur but keeps a stray fraction visible", () => {
    expect(formatMoney(4000, "isk")).toBe("ISK\u00a040");
    expect(formatMoney(4050, "isk")).toBe("ISK\u00a040.50");
  });

  it("honours the locale", () => {
    expect(formatMoney(123450, "eur", "de-DE")).toBe("1.234,50\u00a0€");
    expect(formatMoney(1999, "usd", "en-US")).toBe("$19.99");
  });

  it("stays exact beyond float precision", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "gbp")).toBe("£90,071,992,547,409.91");
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "jpy")).toBe("JP¥9,007,199,254,740,991");
    expect(formatMoney(999_999_999_999, "kwd")).toBe("KWD\u00a0999,999,999.999");
  });

  it("throws on bad input", () => {
    expect(() => formatMoney(1.5, "gbp")).toThrow(RangeError);
    expect(() => formatMoney(100, "xxx")).toThrow(RangeError);
  });
});

describe("roundHalfUpDiv", () => {
  it.each([
    [10n, 4n, 3n], // 2.5 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [11n, 4n, 3n], // 2.75 → 3
    [-10n, 4n, -3n], // -2.5 → -3 (away from zero)
    [-9n, 4n, -2n],
    [-11n, 4n, -3n],
    [0n, 7n, 0n],
    [8n, 4n, 2n],
    [-8n, 4n, -2n],
    [1n, 2n, 1n],
    [-1n, 2n, -1n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [49_995n, 1000n, 50n],
    [49_994n, 1000n, 50n],
    [49_499n, 1000n, 49n],
    [49_500n, 1000n, 50n],
  ])("%s / %s → %s", (numerator, denominator, expected) => {
    expect(roundHalfUpDiv(numerator, denominator)).toBe(expected);
  });

  it("handles numbers far past 2^53", () => {
    expect(roundHalfUpDiv(10n ** 30n + 5n, 10n)).toBe(10n ** 29n + 1n);
  });

  it("requires a positive denominator", () => {
    expect(() => roundHalfUpDiv(1n, 0n)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1n, -2n)).toThrow(RangeError);
  });
});

describe("sumMinor", () => {
  it("adds integers", () => {
    expect(sumMinor([])).toBe(0);
    expect(sumMinor([1999, 1, -500])).toBe(1500);
  });

  it("is exact up to the safe limit", () => {
    expect(sumMinor([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 1, -1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("throws when the result is not a safe integer", () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumMinor([-Number.MAX_SAFE_INTEGER, -1])).toThrow(RangeError);
  });

  it("throws on non-integer inputs", () => {
    expect(() => sumMinor([1, 0.5])).toThrow(RangeError);
    expect(() => sumMinor([Number.NaN])).toThrow(RangeError);
    expect(() => sumMinor([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => sumMinor([2 ** 53])).toThrow(RangeError);
  });
});

describe("parseScaledDecimal / formatScaled", () => {
  it("scales without grouping unless asked", () => {
    expect(parseScaledDecimal("7.5", { scale: 3 })).toEqual({ ok: true, value: 7500n });
    expect(parseScaledDecimal("1,000", { scale: 0 })).toEqual({ ok: false, reason: "format" });
    expect(parseScaledDecimal("1,000", { scale: 0, allowGrouping: true })).toEqual({
      ok: true,
      value: 1000n,
    });
    expect(parseScaledDecimal("0.1234", { scale: 3 })).toEqual({ ok: false, reason: "precision" });
  });

  it("refuses maxDecimals above the scale", () => {
    expect(() => parseScaledDecimal("1", { scale: 2, maxDecimals: 3 })).toThrow(RangeError);
  });

  it("formats with or without trailing zeros", () => {
    expect(formatScaled(1500n, 3, { trimZeros: true })).toBe("1.5");
    expect(formatScaled(3000n, 3, { trimZeros: true })).toBe("3");
    expect(formatScaled(125n, 3, { trimZeros: true })).toBe("0.125");
    expect(formatScaled(1500n, 3, { trimZeros: false })).toBe("1.500");
    expect(formatScaled(-5n, 2, { trimZeros: false })).toBe("-0.05");
    expect(formatScaled(42n, 0, { trimZeros: false })).toBe("42");
  });
});
