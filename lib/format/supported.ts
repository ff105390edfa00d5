// Which locales and time zones this runtime can format in (Intl decides), and the preferences a new
// User starts with: the browser's own, when Intl supports them. Pure: used on the server and in tests.
import { DEFAULT_FORMAT_PREFERENCES, type FormatPreferences } from "./preferences";

/** The canonical form of a BCP 47 locale Intl can format in ("en-us" → "en-US"), or null. */
export function supportedLocale(value: string | null | undefined): string | null {
  if (!value || value.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (!canonical) return null;
    return Intl.NumberFormat.supportedLocalesOf([canonical]).length === 1 &&
      Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 1
      ? canonical
      : null;
  } catch {
    return null;
  }
}

/**
 * The IANA time zone if Intl knows it, or null. Kept as given ("Asia/Kolkata"): Node's ICU would
 * resolve some names to older aliases ("Asia/Calcutta") the User would not recognise.
 */
export function supportedTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    const zone = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    // Browsers that cannot tell report "Etc/Unknown"; that is no better than our default.
    return zone && zone !== "Etc/Unknown" ? value : null;
  } catch {
    return null;
  }
}

/**
 * A new User's preferences from what their browser said at sign-up (navigator.language and
 * Intl.DateTimeFormat().resolvedOptions().timeZone). Each value stands alone: a locale Intl cannot
 * format in falls back to its language ("xx-ZZ" → "xx") and then to the default, an unknown zone to UTC.
 * Never an error: the User did not type these, and can change both in Settings → Business.
 */
export function browserFormatPreferences(input: {
  locale?: string | null;
  timeZone?: string | null;
}): FormatPreferences {
  const language = input.locale?.split("-")[0];
  return {
    locale: supportedLocale(input.locale) ?? supportedLocale(language) ?? DEFAULT_FORMAT_PREFERENCES.locale,
    timeZone: supportedTimeZone(input.timeZone) ?? DEFAULT_FORMAT_PREFERENCES.timeZone,
  };
}
