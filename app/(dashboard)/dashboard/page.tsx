import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { listInvoicesPage } from "@/db/queries/invoices";
import { checklistFacts } from "@/db/queries/overview";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { formatPreferencesOf } from "@/lib/format";
import { checklistItems, showChecklist } from "@/lib/overview/checklist";
import { loadOverview } from "@/lib/overview/load";
import { MailboxLink } from "../dev/_components/mailbox-link";
import { InvoiceTable } from "../invoices/_components/invoice-table";
import { FirstRunChecklist } from "./_components/first-run-checklist";
import { OverviewFigures } from "./_components/overview-figures";
import { RecentPayments, RecentRefunds } from "./_components/recent-money";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const user = await requireUser();
  const db = getDb();
  // One read of the profile serves the format preferences and the checklist's "business details".
  const profile = await getBusinessProfile(db, user.id);
  const format = formatPreferencesOf(profile);
  const [overview, facts, recent] = await Promise.all([
    loadOverview(db, { userId: user.id, timeZone: format.timeZone, now: now() }),
    user.checklistDismissedAt === null ? checklistFacts(db, user.id) : null,
    listInvoicesPage(db, { userId: user.id, limit: 5 }),
  ]);
  const checklist = facts ? checklistItems({ user, profile, ...facts }) : [];
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "long", timeZone: "UTC" }).format(
    new Date(`${overview.periods.monthStart}T00:00:00Z`),
  );

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
      {showChecklist(checklist, user.checklistDismissedAt) && <FirstRunChecklist items={checklist} />}
      <section aria-labelledby="figures-heading" className="space-y-3">
        <h2 id="figures-heading" className="text-lg font-semibold">
          How you are doing
        </h2>
        <OverviewFigures currencies={overview.currencies} format={format} monthName={monthName} />
      </section>
      <div className="grid gap-8 lg:grid-cols-2">
        {/* min-w-0: a grid item is as wide as its table unless told otherwise; the table scrolls in its box. */}
        {/* Plain blocks, not sections: each table's scroll box is already a region named after it, and a
            second landmark of the same name is one axe refuses (landmark-unique). */}
        <div className="min-w-0 space-y-3">
          <h2 className="text-lg font-semibold">Recent payments</h2>
          <RecentPayments rows={overview.recentPayments} format={format} />
        </div>
        <div className="min-w-0 space-y-3">
          <h2 className="text-lg font-semibold">Recent refunds</h2>
          <RecentRefunds rows={overview.recentRefunds} format={format} />
        </div>
      </div>
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
          <InvoiceTable rows={recent.rows} format={format} today={overview.periods.today} />
        )}
      </section>
    </div>
  );
}
