import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { getInvoice, insertInvoice, replaceInvoiceItems, updateInvoiceRow } from "@/db/queries/invoices";
import {
  claimRun,
  listDueSchedules,
  setRunInvoice,
  tryLockSchedule,
  updateSchedule,
} from "@/db/queries/recurring";
import { takeNextInvoiceSequence } from "@/db/queries/users";
import type { RecurringSchedule } from "@/db/schema";
import { plainAddress } from "@/lib/email/headers";
import { emailInvoice } from "@/lib/email/invoice-emails";
import { formatInvoiceNumber } from "@/lib/invoices/number";
import { newPayToken } from "@/lib/invoices/pay-token";
import { logger } from "@/lib/logger";
import { addDays, dueRuns, inSeries, runDay } from "./schedule";

export type RecurringPass = { schedules: number; invoices: number };

/** Runs issued per schedule per transaction; a long catch-up continues in the next transaction. */
const RUNS_PER_TRANSACTION = 12;

/**
 * Issues one run's invoice: a copy of the template's customer, currency, lines, notes and part-payment
 * terms, numbered by the User's sequence, dated on the run day and due after the payment terms. With
 * auto-send it is issued (pay link) and its email queued, in the caller's transaction.
 */
async function issueRun(tx: Database, schedule: RecurringSchedule, runId: string, runOn: string, now: Date) {
  const template = await getInvoice(tx, { userId: schedule.userId, invoiceId: schedule.templateInvoiceId });
  if (!template) return null;
  const profile = await getBusinessProfile(tx, schedule.userId);
  const sequence = await takeNextInvoiceSequence(tx, schedule.userId);
  const invoice = await insertInvoice(tx, {
    userId: schedule.userId,
    sequence,
    number: formatInvoiceNumber(sequence, profile?.invoicePrefix),
    status: "draft",
    customerId: template.customerId,
    currency: template.currency,
    issueDate: runOn,
    dueDate: addDays(runOn, profile?.paymentTermsDays ?? 14),
    notes: template.notes,
    allowPartialPayments: template.allowPartialPayments,
    partialMinimumMinor: template.partialMinimumMinor,
    subtotalMinor: template.subtotalMinor,
    taxMinor: template.taxMinor,
    totalMinor: template.totalMinor,
  });
  await replaceInvoiceItems(
    tx,
    invoice.id,
    template.items.map(({ id: _id, invoiceId: _invoiceId, createdAt: _c, updatedAt: _u, ...item }) => item),
  );
  await setRunInvoice(tx, { runId, invoiceId: invoice.id });
  const audit = { userId: schedule.userId, invoiceId: invoice.id, actor: "system" as const };
  await appendAudit(tx, {
    ...audit,
    action: "invoice.created",
    amountMinor: invoice.totalMinor,
    currency: invoice.currency,
    details: { recurringScheduleId: schedule.id, runOn },
  });
  if (!schedule.autoSend || invoice.totalMinor <= 0) return invoice;
  await updateInvoiceRow(tx, {
    userId: schedule.userId,
    invoiceId: invoice.id,
    values: { status: "open", payToken: newPayToken(), sentAt: now },
  });
  await appendAudit(tx, {
    ...audit,
    action: "invoice.sent",
    amountMinor: invoice.totalMinor,
    currency: invoice.currency,
  });
  // A customer without an address gets the invoice issued (pay link ready) but no email.
  if (plainAddress(template.customer.email)) {
    await emailInvoice(tx, {
      userId: schedule.userId,
      invoiceId: invoice.id,
      kind: "invoice",
      message: null,
      now,
    });
  }
  return invoice;
}

/**
 * One schedule, in one transaction under its row lock (skipped if another pass holds it): each due run
 * claims its unique (schedule, day) row, then its invoice is written; the schedule's next run moves on.
 * All of it commits together or not at all, so no run is issued twice or lost.
 */
async function runOne(
  db: Database,
  scheduleId: string,
  now: Date,
): Promise<{ runs: number; issued: number }> {
  return db.transaction(async (tx) => {
    const locked = await tryLockSchedule(tx, { scheduleId, now });
    if (locked?.schedule.status !== "active") return { runs: 0, issued: 0 };
    const { schedule, today } = locked;
    const runs = dueRuns(schedule, schedule.nextRunIndex, today, RUNS_PER_TRANSACTION);
    if (runs.length === 0) return { runs: 0, issued: 0 };
    let issued = 0;
    for (const run of runs) {
      const runId = await claimRun(tx, { scheduleId, userId: schedule.userId, runOn: run.runOn });
      if (!runId) continue;
      if (await issueRun(tx, schedule, runId, run.runOn, now)) issued += 1;
    }
    const nextIndex = (runs.at(-1)?.index ?? schedule.nextRunIndex) + 1;
    await updateSchedule(tx, {
      scheduleId,
      values: {
        nextRunIndex: nextIndex,
        nextRunOn: runDay(schedule, nextIndex),
        runsDone: schedule.runsDone + issued,
        status: inSeries(schedule, nextIndex) ? "active" : "finished",
      },
    });
    return { runs: runs.length, issued };
  });
}

/**
 * Issues every recurring invoice due at `now`, in batches, until none is left. Safe on any number of
 * instances at once: each schedule is advanced under its row lock and each run recorded once.
 */
export async function runDueRecurring(
  db: Database,
  options: { now: Date; batchSize?: number; stopping?: () => boolean },
): Promise<RecurringPass> {
  const pass: RecurringPass = { schedules: 0, invoices: 0 };
  const batchSize = options.batchSize ?? 100;
  for (;;) {
    const batch = await listDueSchedules(db, { now: options.now, limit: batchSize });
    if (batch.length === 0) break;
    let progressed = 0;
    for (const { id } of batch) {
      if (options.stopping?.()) return pass;
      const done = await runOne(db, id, options.now);
      pass.schedules += 1;
      pass.invoices += done.issued;
      progressed += done.runs;
    }
    // A batch that changed nothing (other instances hold it): stop rather than read it again.
    if (progressed === 0) break;
  }
  if (pass.invoices > 0) logger.info("recurring invoices issued", pass);
  return pass;
}
