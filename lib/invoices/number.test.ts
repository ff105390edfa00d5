import { describe, expect, it } from "vitest";
import { formatInvoiceNumber } from "./number";

describe("formatInvoiceNumber", () => {
  it.each([
    [1, "INV-0001"],
    [42, "INV-0042"],
    [999, "INV-0999"],
    [9999, "INV-9999"],
    [10_000, "INV-10000"],
    [12_345, "INV-12345"],
    [Number.MAX_SAFE_INTEGER, "INV-9007199254740991"],
  ])("%i → %s", (seq, text) => {
    expect(formatInvoiceNumber(seq)).toBe(text);
  });

  it("puts the User's prefix before the number", () => {
    expect(formatInvoiceNumber(7, "ACME/2026/")).toBe("ACME/2026/0007");
    expect(formatInvoiceNumber(7, "")).toBe("0007");
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("throws on %s", (seq) => {
    expect(() => formatInvoiceNumber(seq)).toThrow(RangeError);
  });
});
