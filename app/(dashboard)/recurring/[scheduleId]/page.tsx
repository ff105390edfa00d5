import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { getDb } from "@/db";
import { getOwnSchedule, listScheduleInvoices, listTemplateChoices } from "@/db/queries/recurring";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatDay } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { uuidParam } from "@/lib/pagination";
import { EditScheduleForm } from "../_components/edit-schedule-form";
import { ScheduleStateButtons } from "../_components/schedule-state-buttons";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recurring schedule" };

const EVERY = { weekly: "weekly", monthly: "monthly", quarterly: "quarterly", yearly: "yearly" } as const;
const STATUS = { active: "Active", paused: "Paused", stopped: "Stopped", finished: "Finished" } as const;
/** The newest invoices the page lists; the invoice list has the rest. */
const SHOWN = 100;

type Props = { params: Promise<{ scheduleId: string }> };

export default async function SchedulePage({ params }: Props) {
  const user = await requireUser();
  const scheduleId = uuidParam((await params).scheduleId);
  if (!scheduleId) notFound();
  const db = getDb();
  const found = await getOwnSchedule(db, { userId: user.id, scheduleId });
  if (!found) notFound();
  const { schedule, templateNumber } = found;
  const [issued, choices, format] = await Promise.all([
    listScheduleInvoices(db, { userId: user.id, scheduleId, limit: SHOWN }),
    listTemplateChoices(db, { userId: user.id, limit: 200 }),
    formatPreferencesFor(user.id, db),
  ]);
  const live = schedule.status === "active" || schedule.status === "paused";
  const templates = choices.map((c) => ({
    id: c.id,
    label: `${c.number} · ${formatMoney(c.totalMinor, c.currency)}`,
  }));
  // The current template stays choosable even when it is older than the choices listed.
  if (!templates.some((t) => t.id === schedule.templateInvoiceId))
    templates.unshift({ id: schedule.templateInvoiceId, label: templateNumber });
  return (
    <div className="space-y-8">
      <PageHeader
        title={`Recurring ${templateNumber}`}
        description={`${STATUS[schedule.status]}, ${EVERY[schedule.frequency]}${
          live ? `; next invoice on ${formatDay(schedule.nextRunOn, format)}` : ""
        }. ${schedule.runsDone} issued${schedule.maxRuns ? ` of ${schedule.maxRuns}` : ""}.`}
      />
      <p className="text-sm">
        <Link href="/recurring">All recurring invoices</Link>
      </p>
      {live && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Edit</h2>
          <ScheduleStateButtons scheduleId={schedule.id} status={schedule.status} />
          <EditScheduleForm
            templates={templates}
            format={format}
            values={{
              scheduleId: schedule.id,
              templateInvoiceId: schedule.templateInvoiceId,
              frequency: schedule.frequency,
              lastDayOfMonth: schedule.lastDayOfMonth,
              nextRunOn: schedule.nextRunOn,
              endOn: schedule.endOn,
              maxRuns: schedule.maxRuns,
              autoSend: schedule.autoSend,
            }}
          />
        </section>
      )}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Invoices issued</h2>
        {issued.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <Table caption="Invoices issued by this schedule">
            <thead>
              <tr className="border-b text-slate-600">
                <th className="px-3 py-2">Run day</th>
                <th className="px-3 py-2">Invoice</th>
                <th className="px-3 py-2">Amount</th>
                <th className="px-3 py-2">Paid</th>
                <th className="px-3 py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {issued.map((run) => (
                <tr key={run.runOn} className="border-b last:border-0">
                  <td className="px-3 py-2">{formatDay(run.runOn, format)}</td>
                  <td className="px-3 py-2">
                    {run.invoiceId ? <Link href={`/invoices/${run.invoiceId}`}>{run.number}</Link> : "—"}
                  </td>
                  <td className="px-3 py-2">
                    {run.currency && run.totalMinor !== null
                      ? formatMoney(run.totalMinor, run.currency)
                      : "—"}
                  </td>
                  <td className="px-3 py-2">
                    {run.currency && run.paidMinor !== null ? formatMoney(run.paidMinor, run.currency) : "—"}
                  </td>
                  <td className="px-3 py-2">{run.status ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
