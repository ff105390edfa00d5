import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listSchedules } from "@/db/queries/recurring";
import { requireUser } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { ScheduleStateButtons } from "./_components/schedule-state-buttons";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recurring invoices" };

const EVERY = { weekly: "Weekly", monthly: "Monthly", quarterly: "Quarterly", yearly: "Yearly" } as const;
const STATUS = { active: "Active", paused: "Paused", stopped: "Stopped", finished: "Finished" } as const;

export default async function RecurringPage() {
  const user = await requireUser();
  const rows = await listSchedules(getDb(), { userId: user.id });
  return (
    <div className="space-y-8">
      <PageHeader
        title="Recurring invoices"
        description="Each run copies its template invoice (customer, currency, lines) with the next number, due after your payment terms. After downtime every missed run is issued once; runs that fall while a schedule is paused are skipped. Make an invoice recurring from its page; open a schedule to edit it and see the invoices it issued."
      />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No recurring invoices yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b text-slate-600">
              <th className="py-2">Template</th>
              <th>Every</th>
              <th>Amount</th>
              <th>Next run</th>
              <th>Issued</th>
              <th>Status</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ schedule, templateNumber, totalMinor, currency }) => (
              <tr key={schedule.id} className="border-b">
                <td className="py-2">
                  <Link href={`/recurring/${schedule.id}`} aria-label={`Schedule of ${templateNumber}`}>
                    {templateNumber}
                  </Link>
                </td>
                <td>
                  {EVERY[schedule.frequency]}
                  {schedule.lastDayOfMonth ? " (last day)" : ""}
                </td>
                <td>{formatMoney(totalMinor, currency)}</td>
                <td>
                  {schedule.status === "active" || schedule.status === "paused" ? schedule.nextRunOn : "—"}
                </td>
                <td>
                  {schedule.runsDone}
                  {schedule.maxRuns ? ` of ${schedule.maxRuns}` : ""}
                  {schedule.endOn ? ` (until ${schedule.endOn})` : ""}
                </td>
                <td>
                  {STATUS[schedule.status]}
                  {schedule.autoSend ? "" : " (drafts)"}
                </td>
                <td>
                  <ScheduleStateButtons scheduleId={schedule.id} status={schedule.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
