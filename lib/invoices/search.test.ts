import { describe, expect, it } from "vitest";
import {
  amountTerms,
  filterParams,
  filtersFromSearch,
  likeContains,
  queryFilter,
  searchTerms,
} from "./search";

const minorsFor = (q: string, currency: string) =>
  amountTerms(q)
    .filter((t) => t.currencies.includes(currency))
    .map((t) => t.minor);

describe("amount search", () => {
  it("reads the amount in each currency's own minor units, with no floats", () => {
    expect(minorsFor("120.50", "gbp")).toEqual([12050]);
    expect(minorsFor("120.50", "kwd")).toEqual([120500]);
    expect(minorsFor("120.50", "jpy")).toEqual([]); // yen have no fractions
    expect(minorsFor("120", "jpy")).toEqual([120]);
    expect(minorsFor("120.00", "jpy")).toEqual([120]);
    expect(minorsFor("0.1", "gbp")).toEqual([10]);
    expect(minorsFor("1,234.56", "usd")).toEqual([123456]);
    expect(minorsFor("1.005", "bhd")).toEqual([1005]);
    expect(minorsFor("1.005", "gbp")).toEqual([]); // more places than GBP has
    expect(minorsFor("9007199254740993", "jpy")).toEqual([]); // beyond any amount we hold
  });

  it("takes a currency code or symbol around the number, and a code narrows it", () => {
    expect(amountTerms("GBP 12.50")).toEqual([{ minor: 1250, currencies: ["gbp"] }]);
    expect(amountTerms("12.50 kwd")).toEqual([{ minor: 12500, currencies: ["kwd"] }]);
    expect(minorsFor("£12.50", "gbp")).toEqual([1250]);
    expect(amountTerms("XYZ 12")).toEqual([]);
    expect(amountTerms("Acme")).toEqual([]);
    expect(amountTerms("1e5")).toEqual([]);
    expect(amountTerms("-5")).toEqual([]);
  });
});

describe("search terms", () => {
  it("finds invoice numbers by their digits or in full", () => {
    expect(searchTerms("42")).toMatchObject({ sequence: 42 });
    expect(searchTerms("42").number).toBeUndefined();
    expect(searchTerms("INV-0042")).toMatchObject({ sequence: 42, number: "inv-0042" });
    expect(searchTerms("Acme").sequence).toBeUndefined();
    expect(searchTerms("0").sequence).toBeUndefined();
  });

  it("escapes LIKE wildcards so they match themselves", () => {
    expect(likeContains("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});

describe("filters from the URL", () => {
  it("keeps good filters and names bad ones", () => {
    const f = filtersFromSearch({
      q: "  acme ",
      status: "overdue",
      dates: "due",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(f).toMatchObject({
      q: "acme",
      status: "overdue",
      dateField: "due",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(f.problems).toEqual([]);
    expect(filterParams(f)).toEqual({
      q: "acme",
      status: "overdue",
      dates: "due",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    const q = queryFilter(f, "2026-11-20");
    expect(q).toMatchObject({ status: undefined, overdueBefore: "2026-11-20", dates: { field: "due" } });
  });

  it("drops impossible dates, reversed ranges, unknown statuses and unstorable characters", () => {
    expect(filtersFromSearch({ from: "2026-02-30" })).toMatchObject({
      from: undefined,
      problems: [expect.any(String)],
    });
    expect(filtersFromSearch({ from: "2026-12-01", to: "2026-11-01" })).toMatchObject({
      from: undefined,
      to: undefined,
    });
    expect(filtersFromSearch({ status: "nonsense" })).toMatchObject({
      status: undefined,
      problems: [expect.any(String)],
    });
    expect(filtersFromSearch({ q: "a\u0000b" }).q).toBe("ab");
    expect(filtersFromSearch({ q: "x".repeat(500) }).q).toHaveLength(100);
    expect(filtersFromSearch({ q: ["first", "second"] }).q).toBe("first");
  });
});
