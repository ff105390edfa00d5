import type { User } from "@/db/schema";

/** How a User reads dates and amounts: a BCP 47 locale and an IANA time zone. */
export type FormatPreferences = { locale: string; timeZone: string };

export const DEFAULT_FORMAT_PREFERENCES: FormatPreferences = Object.freeze({
  locale: "en-GB",
  timeZone: "UTC",
});

/**
 * The format preferences of a User. Users cannot choose a locale or time zone yet: the setting comes with
 * the business-profile work, and until then everyone reads British English in UTC. Every page, document
 * and email takes its preferences from here, so the setting will only have to be read in this function.
 */
export function formatPreferencesOf(_user: Pick<User, "id">): FormatPreferences {
  return DEFAULT_FORMAT_PREFERENCES;
}
