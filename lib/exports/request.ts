import "server-only";
import { getDb } from "@/db";
import { getSessionUserId } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { now } from "@/lib/clock";
import { isoDayIn } from "@/lib/format";
import { csvHeaders } from "./stream";

type ExportContext = { userId: string; today: string; db: ReturnType<typeof getDb> };

/**
 * The shared start of every export route: a signed-in User (401 otherwise; the session check also
 * refuses a revoked cookie), today in their time zone for the file name and the overdue status, then
 * the stream. Rows are always the signed-in User's: every export query filters by this id.
 */
export async function csvExportResponse(
  what: string,
  body: (context: ExportContext) => ReadableStream<Uint8Array>,
): Promise<Response> {
  const userId = await getSessionUserId();
  if (!userId) return new Response("Sign in to export your records.", { status: 401 });
  const format = await formatPreferencesFor(userId);
  const today = isoDayIn(now(), format.timeZone);
  return new Response(body({ userId, today, db: getDb() }), { headers: csvHeaders(what, today) });
}
