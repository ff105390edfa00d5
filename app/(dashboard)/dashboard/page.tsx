import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listInvoicesPage, sumOutstanding, sumOverdue } from "@/db/queries/invoices";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatMoney, isoDayIn } from "@/lib/format";
import { MailboxLink } from "../dev/_components/mailbox-link";
import { InvoiceTable } from "../invoices/_components/invoice-table";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const user = await requireUser();
  const db = getDb();
  const format = await formatPreferencesFor(user.id);
  const today = isoDayIn(new Date(), format.timeZone);
  const [outstanding, overdue, recent] = await Promise.all([
    sumOutstanding(db, user.id),
    sumOverdue(db, { userId: user.id, today }),
    listInvoicesPage(db, { userId: user.id, limit: 5 }),
  ]);

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Hello, ${user.name}`}
        description={user.businessName}
        actions={
          <>
            <MailboxLink />
            <Link href="/invoices/new" className={buttonClasses("primary", "md")}>
              New invoice
            </Link>
          </>
        }
      />
      <section aria-labelledby="outstanding-heading" className="grid gap-4 sm:grid-cols-3">
        <h2 id="outstanding-heading" className="sr-only">
          Outstanding
        </h2>
        {outstanding.length === 0 ? (
          <Card>
            <CardHeader>
              <CardDescription>Outstanding</CardDescription>
              <CardTitle>Nothing due</CardTitle>
            </CardHeader>
          </Card>
        ) : (
          outstanding.map((o) => (
            <Card key={o.currency}>
              <CardHeader>
                <CardDescription>Outstanding in {o.currency.toUpperCase()}</CardDescription>
                <CardTitle className="tabular-nums">{formatMoney(o.dueMinor, o.currency, format)}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-slate-600">
                {o.count} open invoice{o.count === 1 ? "" : "s"}
              </CardContent>
            </Card>
          ))
        )}
        {overdue.map((o) => (
          <Card key={`overdue-${o.currency}`} data-testid="overdue-card">
            <CardHeader>
              <CardDescription>Overdue in {o.currency.toUpperCase()}</CardDescription>
              <CardTitle className="tabular-nums text-red-700">
                {formatMoney(o.dueMinor, o.currency, format)}
              </CardTitle>
            </CardHeader>
            <CardContent className="text-sm text-slate-600">
              <Link href="/invoices?status=overdue" className="font-medium text-indigo-700 hover:underline">
                {o.count} overdue invoice{o.count === 1 ? "" : "s"}
              </Link>
            </CardContent>
          </Card>
        ))}
      </section>
      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Recent invoices
        </h2>
        {recent.rows.length === 0 ? (
          <EmptyState
            title="No invoices yet"
            description="Add a customer, then create your first invoice."
            action={
              <Link href="/customers/new" className={buttonClasses("primary", "md")}>
                Add a customer
              </Link>
            }
          />
        ) : (
          <InvoiceTable rows={recent.rows} format={format} today={today} />
        )}
      </section>
    </div>
  );
}
