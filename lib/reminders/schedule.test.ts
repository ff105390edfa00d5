import { describe, expect, it } from "vitest";
import { addDays, dueSteps, localDay, normaliseOffsets } from "./schedule";

describe("reminder schedule rules", () => {
  it("adds calendar days across month, year and leap-day boundaries", () => {
    expect(addDays("2028-02-27", 3)).toBe("2028-03-01");
    expect(addDays("2030-01-02", -3)).toBe("2029-12-30");
    expect(addDays("2026-11-04", -3)).toBe("2026-11-01");
  });

  it("reads the local day in the User's time zone, including on a daylight-saving change", () => {
    expect(localDay(new Date("2026-11-01T03:59:59Z"), "America/New_York")).toBe("2026-10-31");
    expect(localDay(new Date("2026-11-01T04:00:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDay(new Date("2026-03-29T00:30:00Z"), "Europe/London")).toBe("2026-03-29");
    expect(localDay(new Date("2030-06-06T12:30:00Z"), "Pacific/Auckland")).toBe("2030-06-07");
    expect(localDay(new Date("2030-06-06T12:30:00Z"), "Not/A_Zone")).toBe("2030-06-06");
  });

  it("sends the latest step whose day has come and skips the earlier ones not done", () => {
    const base = { dueDate: "2030-03-10", offsets: [-3, 0, 7, 14] };
    expect(dueSteps({ ...base, done: [], today: "2030-03-06" })).toEqual({ send: null, skip: [] });
    expect(dueSteps({ ...base, done: [], today: "2030-03-07" }).send?.offsetDays).toBe(-3);
    expect(dueSteps({ ...base, done: [-3], today: "2030-03-12" })).toEqual({
      send: { offsetDays: 0, dueOn: "2030-03-10" },
      skip: [],
    });
    expect(dueSteps({ ...base, done: [], today: "2030-04-30" })).toEqual({
      send: { offsetDays: 14, dueOn: "2030-03-24" },
      skip: [
        { offsetDays: -3, dueOn: "2030-03-07" },
        { offsetDays: 0, dueOn: "2030-03-10" },
        { offsetDays: 7, dueOn: "2030-03-17" },
      ],
    });
    expect(dueSteps({ ...base, done: [-3, 0, 7, 14], today: "2031-01-01" })).toEqual({
      send: null,
      skip: [],
    });
  });

  it("stores offsets unique and sorted, and refuses out-of-range ones", () => {
    expect(normaliseOffsets([7, -3, 7, 0])).toEqual([-3, 0, 7]);
    expect(() => normaliseOffsets([400])).toThrow(RangeError);
    expect(() => normaliseOffsets([1.5])).toThrow(RangeError);
    expect(() => normaliseOffsets([1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(RangeError);
  });
});
