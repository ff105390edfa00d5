import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { filterParams, hasAnyFilter, type InvoiceFilters } from "@/lib/invoices/search";
import { hrefWith } from "@/lib/pagination";

/**
 * The search box and date range as a plain GET form: the filters live in the URL, so a filtered list can
 * be bookmarked or shared, works without JavaScript, and the export link takes the same filters.
 */
export function InvoiceFiltersForm({ filters }: { filters: InvoiceFilters }) {
  return (
    <div className="space-y-3">
      <search aria-label="Search invoices">
        <form
          method="get"
          action="/invoices"
          className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
        >
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          <div className="space-y-1 sm:col-span-2 lg:col-span-1">
            <Label htmlFor="invoice-q">Search</Label>
            <Input
              id="invoice-q"
              name="q"
              type="search"
              defaultValue={filters.q}
              maxLength={100}
              placeholder="Number, customer, email or total"
              aria-describedby="invoice-q-hint"
            />
            <p id="invoice-q-hint" className="text-xs text-slate-600">
              e.g. INV-0042, Acme, billing@acme.test or 120.50
            </p>
          </div>
          <div className="space-y-1">
            <Label htmlFor="invoice-dates">Dates by</Label>
            <Select id="invoice-dates" name="dates" defaultValue={filters.dateField}>
              <option value="issue">Issue date</option>
              <option value="due">Due date</option>
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="invoice-from">From</Label>
            <Input id="invoice-from" name="from" type="date" defaultValue={filters.from} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="invoice-to">To</Label>
            <Input id="invoice-to" name="to" type="date" defaultValue={filters.to} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClasses("primary", "md")}>
              Search
            </button>
            {hasAnyFilter(filters) && (
              <Link href="/invoices" className={buttonClasses("ghost", "md")}>
                Clear
              </Link>
            )}
          </div>
        </form>
      </search>
      {filters.problems.length > 0 && (
        <Alert tone="warning" data-testid="filter-problems">
          <ul>
            {filters.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

/** Downloads what the list shows (every page of it) as CSV. */
export function ExportInvoicesLink({ filters }: { filters: InvoiceFilters }) {
  return (
    <a
      href={hrefWith("/invoices/export", filterParams(filters))}
      className={buttonClasses("outline", "md")}
      download
    >
      Export CSV
    </a>
  );
}
