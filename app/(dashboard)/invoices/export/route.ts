import { invoicesCsv } from "@/lib/exports/exports";
import { csvExportResponse } from "@/lib/exports/request";
import { filtersFromSearch, queryFilter } from "@/lib/invoices/search";

export const dynamic = "force-dynamic";

/** GET /invoices/export?q=&status=&dates=&from=&to= — the invoices the list shows for the same filters. */
export async function GET(request: Request) {
  const filters = filtersFromSearch(Object.fromEntries(new URL(request.url).searchParams));
  return csvExportResponse("invoices", ({ db, userId, today }) =>
    invoicesCsv(db, { userId, ...queryFilter(filters, today) }, today),
  );
}
