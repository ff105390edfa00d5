import { refundsCsv } from "@/lib/exports/exports";
import { csvExportResponse } from "@/lib/exports/request";

export const dynamic = "force-dynamic";

/** GET /refunds/export — every refund of the signed-in User, newest first. */
export async function GET() {
  return csvExportResponse("refunds", ({ db, userId }) => refundsCsv(db, userId));
}
