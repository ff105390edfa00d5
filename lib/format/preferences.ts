import type { BusinessProfile } from "@/db/schema";

/** How a User reads dates and amounts: a BCP 47 locale and an IANA time zone. */
export type FormatPreferences = { locale: string; timeZone: string };

export const DEFAULT_FORMAT_PREFERENCES: FormatPreferences = Object.freeze({
  locale: "en-GB",
  timeZone: "UTC",
});

/**
 * The format preferences a User chose in Settings → Business (British English in UTC until they do).
 * Every page, document and email takes its preferences from here.
 */
export function formatPreferencesOf(
  profile: Pick<BusinessProfile, "locale" | "timeZone"> | null | undefined,
): FormatPreferences {
  if (!profile) return DEFAULT_FORMAT_PREFERENCES;
  return { locale: profile.locale, timeZone: profile.timeZone };
}
