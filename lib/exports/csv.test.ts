import { describe, expect, it } from "vitest";
import { parseCsv } from "../../tests/support/csv";
import { csvCell, csvRow } from "./csv";

describe("csv cells", () => {
  it("guards every formula start with an apostrophe", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const value = `${start}HYPERLINK("http://evil.test","x")`;
      const [[read]] = parseCsv(csvRow([value])) as [[string]];
      expect(read).toBe(`'${value}`);
    }
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("leaves ordinary text, numbers and empty cells alone", () => {
    expect(csvCell("Acme Ltd")).toBe("Acme Ltd");
    expect(csvCell("12.50")).toBe("12.50");
    expect(csvCell(1250)).toBe("1250");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("quotes commas, quotes, line breaks and edge spaces, and reads back exactly", () => {
    const hostile = [
      'Smith, "The Hammer"',
      "line one\nline two",
      "carriage\r\nreturn",
      " padded ",
      "Zoë Ünïcødé 😀 日本語 مرحبا",
      "\u200b\u202eevil\u202c",
      "bell\u0007and\u001fcontrol",
      "x".repeat(100_000),
      '"',
      ",",
      "",
    ];
    const rows = parseCsv(hostile.map((h) => csvRow([h, "next"])).join(""));
    expect(rows).toEqual(hostile.map((h) => [h, "next"]));
  });

  it("guards a formula hidden behind a quote-needing character too", () => {
    const [[read]] = parseCsv(csvRow(['=cmd|" /C calc"!A0'])) as [[string]];
    expect(read).toBe(`'=cmd|" /C calc"!A0`);
  });
});
