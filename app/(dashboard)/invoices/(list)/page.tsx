import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { listInvoicesPage } from "@/db/queries/invoices";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { isoDayIn } from "@/lib/format";
import {
  filterParams,
  filtersFromSearch,
  hasAnyFilter,
  queryFilter,
  type StatusFilter,
} from "@/lib/invoices/search";
import { cursorsFromSearch, hrefWith, PAGE_SIZE } from "@/lib/pagination";
import { ExportInvoicesLink, InvoiceFiltersForm } from "../_components/invoice-filters";
import { InvoiceTable } from "../_components/invoice-table";

export const metadata: Metadata = { title: "Invoices" };

const FILTERS: { value: StatusFilter | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "draft", label: "Drafts" },
  { value: "open", label: "Open" },
  { value: "overdue", label: "Overdue" },
  { value: "partially_paid", label: "Partially paid" },
  { value: "paid", label: "Paid" },
  { value: "void", label: "Void" },
];

// Pages are cursors, not numbers: ?after=<sequence> shows the invoices older than that one, ?before= the
// newer ones. An offset would make page 4,000 read 100,000 rows; a cursor reads 26 whatever the page.
const cursorSchema = z.coerce.number().int().min(1).max(2_147_483_647);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvoicesPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  // Search, status and dates live in the URL (lib/invoices/search.ts): every link below keeps them.
  const filters = filtersFromSearch(params);
  const { status } = filters;
  const kept = filterParams(filters);
  const { after, before } = cursorsFromSearch(params, cursorSchema);
  const format = await formatPreferencesFor(user.id);
  // Overdue is derived from the due date and today in the User's time zone, never stored.
  const today = isoDayIn(new Date(), format.timeZone);
  const { rows, newerCursor, olderCursor } = await listInvoicesPage(getDb(), {
    userId: user.id,
    ...queryFilter(filters, today),
    limit: PAGE_SIZE,
    after,
    before,
  });
  const first = rows[0];
  const last = rows.at(-1);
  const filtered = hasAnyFilter(filters);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invoices"
        actions={
          <div className="flex flex-wrap gap-2">
            <ExportInvoicesLink filters={filters} />
            <Link href="/invoices/new" className={buttonClasses("primary", "md")}>
              New invoice
            </Link>
          </div>
        }
      />
      <InvoiceFiltersForm filters={filters} />
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <Link
            key={f.label}
            href={hrefWith("/invoices", { ...kept, status: f.value })}
            aria-current={f.value === status ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1.5 text-sm",
              f.value === status
                ? "border-indigo-600 bg-indigo-600 text-white"
                : "border-slate-300 bg-white text-slate-700",
            )}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {!first || !last ? (
        <EmptyState
          title={filtered ? "No invoices match" : "No invoices yet"}
          description={
            filtered
              ? "Try another search, status or dates."
              : "Create an invoice, send it, and share its pay link."
          }
          action={
            filtered ? undefined : (
              <Link href="/invoices/new" className={buttonClasses("primary", "md")}>
                Create an invoice
              </Link>
            )
          }
        />
      ) : (
        <>
          <InvoiceTable rows={rows} format={format} today={today} />
          <Pagination
            summary={first === last ? first.number : `${first.number} – ${last.number}`}
            prevHref={
              newerCursor === null
                ? undefined
                : hrefWith("/invoices", { ...kept, before: String(newerCursor) })
            }
            nextHref={
              olderCursor === null
                ? undefined
                : hrefWith("/invoices", { ...kept, after: String(olderCursor) })
            }
          />
        </>
      )}
    </div>
  );
}
