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
import { INVOICE_STATUSES, type InvoiceStatus } from "@/lib/invoices/status";
import { cursorsFromSearch, hrefWith, PAGE_SIZE } from "@/lib/pagination";
import { InvoiceTable } from "../_components/invoice-table";

export const metadata: Metadata = { title: "Invoices" };

type Filter = InvoiceStatus | "overdue";

const FILTERS: { value: Filter | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "draft", label: "Drafts" },
  { value: "open", label: "Open" },
  { value: "overdue", label: "Overdue" },
  { value: "partially_paid", label: "Partially paid" },
  { value: "paid", label: "Paid" },
  { value: "void", label: "Void" },
];

function filterFromSearch(value: unknown): Filter | undefined {
  if (value === "overdue") return "overdue";
  return INVOICE_STATUSES.find((s) => s === value);
}

// Pages are cursors, not numbers: ?after=<sequence> shows the invoices older than that one, ?before= the
// newer ones. An offset would make page 4,000 read 100,000 rows; a cursor reads 26 whatever the page.
const cursorSchema = z.coerce.number().int().min(1).max(2_147_483_647);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvoicesPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const status = filterFromSearch(params.status);
  const { after, before } = cursorsFromSearch(params, cursorSchema);
  const format = await formatPreferencesFor(user.id);
  // Overdue is derived from the due date and today in the User's time zone, never stored.
  const today = isoDayIn(new Date(), format.timeZone);
  const { rows, newerCursor, olderCursor } = await listInvoicesPage(getDb(), {
    userId: user.id,
    status: status === "overdue" ? undefined : status,
    overdueBefore: status === "overdue" ? today : undefined,
    limit: PAGE_SIZE,
    after,
    before,
  });
  const first = rows[0];
  const last = rows.at(-1);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invoices"
        actions={
          <Link href="/invoices/new" className={buttonClasses("primary", "md")}>
            New invoice
          </Link>
        }
      />
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <Link
            key={f.label}
            href={hrefWith("/invoices", { status: f.value })}
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
          title={status ? "No invoices with this status" : "No invoices yet"}
          description={status ? "Try another filter." : "Create an invoice, send it, and share its pay link."}
          action={
            status ? undefined : (
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
                : hrefWith("/invoices", { status, before: String(newerCursor) })
            }
            nextHref={
              olderCursor === null ? undefined : hrefWith("/invoices", { status, after: String(olderCursor) })
            }
          />
        </>
      )}
    </div>
  );
}
