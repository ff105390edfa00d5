import { describe, expect, it } from "vitest";
import {
  DEFAULT_FORMAT_PREFERENCES,
  formatCard,
  formatDate,
  formatDateTime,
  formatDay,
  formatMoney,
  formatPreferencesOf,
  isoDayIn,
} from "./index";

const utc = DEFAULT_FORMAT_PREFERENCES;
const newYork = { locale: "en-US", timeZone: "America/New_York" };
const at = new Date("2026-12-13T03:05:09Z");

describe("formatPreferencesOf", () => {
  it("gives British English in UTC to a User who has not saved a business profile", () => {
    expect(formatPreferencesOf(undefined)).toEqual({ locale: "en-GB", timeZone: "UTC" });
    expect(formatPreferencesOf(null)).toEqual({ locale: "en-GB", timeZone: "UTC" });
  });

  it("reads the locale and time zone the User chose", () => {
    expect(formatPreferencesOf({ locale: "de-DE", timeZone: "Europe/Berlin" })).toEqual({
      locale: "de-DE",
      timeZone: "Europe/Berlin",
    });
  });
});

describe("formatDay", () => {
  it("writes a calendar day short on the dashboard and in full on documents", () => {
    expect(formatDay("2026-12-13", utc)).toBe("13 Dec 2026");
    expect(formatDay("2026-12-13", utc, "document")).toBe("13 December 2026");
  });

  it("names the same day whatever the reader's time zone", () => {
    expect(formatDay("2026-12-13", newYork, "document")).toBe("December 13, 2026");
    expect(formatDay("2026-01-01", { locale: "en-GB", timeZone: "Pacific/Kiritimati" })).toBe("1 Jan 2026");
  });
});

describe("isoDayIn", () => {
  it("names the calendar day of an instant in a time zone", () => {
    const at = new Date("2026-12-31T23:30:00Z");
    expect(isoDayIn(at, "UTC")).toBe("2026-12-31");
    expect(isoDayIn(at, "Europe/Berlin")).toBe("2027-01-01");
    expect(isoDayIn(at, "America/New_York")).toBe("2026-12-31");
    expect(isoDayIn(new Date("2026-03-01T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-03-02");
  });
});

describe("formatDate", () => {
  it("gives the day an instant falls on in the reader's time zone", () => {
    expect(formatDate(at, utc)).toBe("13 Dec 2026");
    expect(formatDate(at, newYork, "document")).toBe("December 12, 2026");
  });
});

describe("formatDateTime", () => {
  it("writes the time on a 24-hour clock with the zone named", () => {
    expect(formatDateTime(at, utc)).toBe("13 Dec 2026, 03:05 UTC");
    expect(formatDateTime(at, utc, "document")).toBe("13 December 2026 at 03:05 UTC");
  });

  it("follows the reader's locale and time zone", () => {
    expect(formatDateTime(at, newYork)).toBe("Dec 12, 2026, 10:05 PM EST");
    expect(formatDateTime(at, { locale: "en-GB", timeZone: "Europe/London" })).toBe("13 Dec 2026, 03:05 GMT");
  });
});

describe("formatMoney", () => {
  it("formats minor units with the currency's own exponent", () => {
    expect(formatMoney(123_456, "gbp", utc)).toBe("£1,234.56");
    expect(formatMoney(1_234, "jpy", utc)).toBe("JP¥1,234");
    expect(formatMoney(1_230, "kwd", utc)).toBe("KWD\u00a01.230");
  });

  it("follows the reader's locale", () => {
    expect(formatMoney(123_456, "eur", { locale: "de-DE", timeZone: "UTC" })).toBe("1.234,56\u00a0€");
  });
});

describe("formatCard", () => {
  it("names the brand and the last four digits", () => {
    expect(formatCard("visa", "4242")).toBe("Visa ending 4242");
    expect(formatCard("amex", "0005")).toBe("American Express ending 0005");
  });

  it("says Card when Stripe told us nothing", () => {
    expect(formatCard(null, null)).toBe("Card");
    expect(formatCard(null, "4242")).toBe("Card ending 4242");
    expect(formatCard("visa", null)).toBe("Visa");
    expect(formatCard("unknown", "1111")).toBe("Card ending 1111");
  });
});
