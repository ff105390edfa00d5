import "server-only";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { type FormatPreferences, formatPreferencesOf } from "@/lib/format";

/** The User's format preferences, read from their business profile (pass the transaction inside one). */
export async function formatPreferencesFor(
  userId: string,
  db: Database = getDb(),
): Promise<FormatPreferences> {
  return formatPreferencesOf(await getBusinessProfile(db, userId));
}
