import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db";
import { listSchedules } from "@/db/queries/recurring";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatDay, formatMoney } from "@/lib/format";
import { ScheduleStateButtons } from "./_components/schedule-state-buttons";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recurring invoices" };

const EVERY = { weekly: "Weekly", monthly: "Monthly", quarterly: "Quarterly", yearly: "Yearly" } as const;
const STATUS = { active: "Active", paused: "Paused", stopped: "Stopped", finished: "Finished" } as const;

export default async function RecurringPage() {
  const user = await requireUser();
  const [rows, format] = await Promise.all([
    listSchedules(getDb(), { userId: user.id }),
    formatPreferencesFor(user.id),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Recurring invoices"
        description="Each run copies its template invoice (customer, currency, lines) with the next number, due after your payment terms. After downtime every missed run is issued once; runs that fall while a schedule is paused are skipped. Make an invoice recurring from its page; open a schedule to edit it and see the invoices it issued."
      />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No recurring invoices yet.</p>
      ) : (
        <Table caption="Recurring invoices">
          <THead>
            <Tr>
              <Th>Template</Th>
              <Th>Every</Th>
              <Th numeric>Amount</Th>
              <Th>Next run</Th>
              <Th>Issued</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map(({ schedule, templateNumber, totalMinor, currency }) => (
              <Tr key={schedule.id}>
                <Td>
                  <Link
                    href={`/recurring/${schedule.id}`}
                    aria-label={`Schedule of ${templateNumber}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {templateNumber}
                  </Link>
                </Td>
                <Td label="Every">
                  {EVERY[schedule.frequency]}
                  {schedule.lastDayOfMonth ? " (last day)" : ""}
                </Td>
                <Td label="Amount" numeric>
                  {formatMoney(totalMinor, currency, format)}
                </Td>
                <Td label="Next run" className="whitespace-nowrap">
                  {schedule.status === "active" || schedule.status === "paused"
                    ? formatDay(schedule.nextRunOn, format)
                    : "—"}
                </Td>
                <Td label="Issued">
                  {schedule.runsDone}
                  {schedule.maxRuns ? ` of ${schedule.maxRuns}` : ""}
                  {schedule.endOn ? ` (until ${formatDay(schedule.endOn, format)})` : ""}
                </Td>
                <Td label="Status">
                  {STATUS[schedule.status]}
                  {schedule.autoSend ? "" : " (drafts)"}
                </Td>
                <Td>
                  <ScheduleStateButtons scheduleId={schedule.id} status={schedule.status} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
