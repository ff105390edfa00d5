import { describe, expect, it } from "vitest";
import { browserFormatPreferences, supportedLocale, supportedTimeZone } from "./supported";

describe("browserFormatPreferences", () => {
  it("keeps what the browser said when Intl supports it, in canonical case", () => {
    expect(browserFormatPreferences({ locale: "en-us", timeZone: "America/Los_Angeles" })).toEqual({
      locale: "en-US",
      timeZone: "America/Los_Angeles",
    });
    expect(browserFormatPreferences({ locale: "de-DE", timeZone: "Pacific/Auckland" })).toEqual({
      locale: "de-DE",
      timeZone: "Pacific/Auckland",
    });
  });

  it("falls back to the language, then to en-GB; an unknown zone to UTC", () => {
    expect(browserFormatPreferences({ locale: "fr-!!", timeZone: "Nowhere/City" })).toEqual({
      locale: "fr",
      timeZone: "UTC",
    });
    expect(browserFormatPreferences({ locale: "xx-ZZ", timeZone: "Etc/Unknown" })).toEqual({
      locale: "en-GB",
      timeZone: "UTC",
    });
    expect(browserFormatPreferences({})).toEqual({ locale: "en-GB", timeZone: "UTC" });
  });

  it("keeps a zone name as given rather than an older alias", () => {
    expect(supportedTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(supportedTimeZone("x".repeat(65))).toBeNull();
    expect(supportedLocale("en-GB\u0000")).toBeNull();
  });
});
