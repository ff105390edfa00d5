import { paymentsCsv } from "@/lib/exports/exports";
import { csvExportResponse } from "@/lib/exports/request";

export const dynamic = "force-dynamic";

/** GET /payments/export — every payment of the signed-in User that reached Stripe, newest first. */
export async function GET() {
  return csvExportResponse("payments", ({ db, userId }) => paymentsCsv(db, userId));
}
