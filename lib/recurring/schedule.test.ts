import { describe, expect, it } from "vitest";
import { dueRuns, firstRunFrom, inSeries, localDay, runDay, type SeriesRule } from "./schedule";

const rule = (over: Partial<SeriesRule>): SeriesRule => ({
  frequency: "monthly",
  startOn: "2031-01-31",
  lastDayOfMonth: false,
  endOn: null,
  maxRuns: null,
  ...over,
});

describe("runDay", () => {
  it("monthly on the 31st clamps to shorter months and comes back to the 31st", () => {
    const r = rule({});
    expect([0, 1, 2, 3, 4].map((i) => runDay(r, i))).toEqual([
      "2031-01-31",
      "2031-02-28",
      "2031-03-31",
      "2031-04-30",
      "2031-05-31",
    ]);
  });
  it("leap years: February 29 in 2032, the 28th otherwise; yearly from Feb 29", () => {
    expect(runDay(rule({ startOn: "2032-01-30" }), 1)).toBe("2032-02-29");
    const yearly = rule({ frequency: "yearly", startOn: "2032-02-29" });
    expect([0, 1, 4].map((i) => runDay(yearly, i))).toEqual(["2032-02-29", "2033-02-28", "2036-02-29"]);
  });
  it("last day of the month, quarterly across the year end", () => {
    const r = rule({ frequency: "quarterly", startOn: "2031-11-15", lastDayOfMonth: true });
    expect([0, 1, 2, 3].map((i) => runDay(r, i))).toEqual([
      "2031-11-30",
      "2032-02-29",
      "2032-05-31",
      "2032-08-31",
    ]);
  });
  it("weekly crosses month and year ends", () => {
    const r = rule({ frequency: "weekly", startOn: "2031-12-25" });
    expect([0, 1, 2].map((i) => runDay(r, i))).toEqual(["2031-12-25", "2032-01-01", "2032-01-08"]);
  });
});

describe("series bounds and due runs", () => {
  it("end date and count both end the series", () => {
    expect(inSeries(rule({ endOn: "2031-03-31" }), 2)).toBe(true);
    expect(inSeries(rule({ endOn: "2031-03-30" }), 2)).toBe(false);
    expect(inSeries(rule({ maxRuns: 2 }), 1)).toBe(true);
    expect(inSeries(rule({ maxRuns: 2 }), 2)).toBe(false);
  });
  it("after downtime every missed run is due, oldest first, capped per call", () => {
    const r = rule({ startOn: "2031-01-15" });
    expect(dueRuns(r, 0, "2031-04-20", 10).map((x) => x.runOn)).toEqual([
      "2031-01-15",
      "2031-02-15",
      "2031-03-15",
      "2031-04-15",
    ]);
    expect(dueRuns(r, 1, "2031-04-20", 2).map((x) => x.index)).toEqual([1, 2]);
    expect(dueRuns(r, 0, "2031-01-14", 10)).toEqual([]);
    expect(dueRuns(rule({ startOn: "2031-01-15", maxRuns: 2 }), 0, "2031-12-31", 10)).toHaveLength(2);
  });
  it("resume skips the runs missed while paused", () => {
    const r = rule({ startOn: "2031-01-15" });
    expect(firstRunFrom(r, 1, "2031-04-16")).toBe(4);
    expect(firstRunFrom(r, 1, "2031-04-15")).toBe(3);
    expect(firstRunFrom(rule({ startOn: "2031-01-15", maxRuns: 3 }), 1, "2031-04-16")).toBeNull();
  });
});

describe("local day across daylight saving", () => {
  it("the run day begins at local midnight on both sides of a DST change", () => {
    // New York springs forward on 2031-03-09 and falls back on 2031-11-02.
    expect(localDay(new Date("2031-03-09T04:59:00Z"), "America/New_York")).toBe("2031-03-08");
    expect(localDay(new Date("2031-03-09T05:00:00Z"), "America/New_York")).toBe("2031-03-09");
    expect(localDay(new Date("2031-03-10T03:59:00Z"), "America/New_York")).toBe("2031-03-09");
    expect(localDay(new Date("2031-03-10T04:00:00Z"), "America/New_York")).toBe("2031-03-10");
    expect(localDay(new Date("2031-11-03T04:59:00Z"), "America/New_York")).toBe("2031-11-02");
    expect(localDay(new Date("2031-11-03T05:00:00Z"), "America/New_York")).toBe("2031-11-03");
  });
});

describe("a series started again by an edit", () => {
  it("counts the runs of the earlier series towards the number of invoices in all", () => {
    const r = rule({ frequency: "weekly", startOn: "2031-03-10", maxRuns: 4, seriesOffset: 2 });
    expect([0, 1, 2].map((i) => inSeries(r, i))).toEqual([true, true, false]);
    expect(dueRuns(r, 0, "2031-12-31", 10).map((x) => x.runOn)).toEqual(["2031-03-10", "2031-03-17"]);
    expect(firstRunFrom(r, 0, "2031-03-18")).toBeNull();
  });
});
