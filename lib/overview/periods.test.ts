import { describe, expect, it } from "vitest";
import { overviewPeriods } from "./periods";

describe("overview periods", () => {
  it("are this calendar month and the 30 days ending today", () => {
    expect(overviewPeriods("2026-11-30")).toEqual({
      today: "2026-11-30",
      monthStart: "2026-11-01",
      nextMonthStart: "2026-12-01",
      last30Start: "2026-11-01",
      tomorrow: "2026-12-01",
    });
    expect(overviewPeriods("2026-12-31")).toMatchObject({
      nextMonthStart: "2027-01-01",
      last30Start: "2026-12-02",
    });
    expect(overviewPeriods("2028-03-01")).toMatchObject({
      monthStart: "2028-03-01",
      last30Start: "2028-02-01", // 29 days back: February has 29 in 2028
    });
    expect(overviewPeriods("2027-03-01")).toMatchObject({ last30Start: "2027-01-31" });
  });
});
