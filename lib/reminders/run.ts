import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getInvoiceEmailContext } from "@/db/queries/email-outbox";
import {
  listReminderCandidatesForWorker,
  type ReminderCandidate,
  recordReminderSteps,
  setReminderEmail,
  tryLockInvoiceForReminder,
} from "@/db/queries/reminders";
import { enqueueEmail } from "@/lib/email/enqueue";
import { plainAddress } from "@/lib/email/headers";
import { payLinkUrl } from "@/lib/email/links";
import { renderInvoiceEmail } from "@/lib/email/templates/invoice";
import { formatPreferencesOf } from "@/lib/format";
import { amountDueMinor } from "@/lib/invoices/totals";
import { logger } from "@/lib/logger";
import { dueSteps } from "./schedule";

export type ReminderPass = { invoices: number; sent: number; skipped: number };

/**
 * One invoice, in one transaction under its row lock (skipped if another pass holds it): the conditions are checked again (paid, voided,
 * paused or disputed since the scan: nothing), then the due steps are recorded, and the email for the
 * step to send is queued with its history entry. The unique (invoice, step) row commits with the email
 * or not at all, so a second instance, a worker killed mid-way or a restart never sends a step twice.
 */
async function remindOne(db: Database, candidate: ReminderCandidate, now: Date) {
  return db.transaction(async (tx) => {
    const invoice = await tryLockInvoiceForReminder(tx, { invoiceId: candidate.invoiceId });
    if (!invoice?.payToken || invoice.userId !== candidate.userId) return { sent: 0, skipped: 0 };
    const [fresh] = await listReminderCandidatesForWorker(tx, { now, limit: 1, invoiceId: invoice.id });
    if (!fresh) return { sent: 0, skipped: 0 };
    const steps = dueSteps({
      dueDate: fresh.dueDate,
      offsets: fresh.offsets,
      done: fresh.done,
      today: fresh.today,
    });
    const rows = [
      ...steps.skip.map((s) => ({ ...s, outcome: "skipped" as const })),
      ...(steps.send ? [{ ...steps.send, outcome: "sent" as const }] : []),
    ].map((s) => ({ ...s, userId: invoice.userId, invoiceId: invoice.id }));
    const recorded = await recordReminderSteps(tx, rows);
    const send = steps.send;
    if (!send || !recorded.includes(send.offsetDays)) return { sent: 0, skipped: recorded.length };

    const ctx = await getInvoiceEmailContext(tx, { userId: invoice.userId, invoiceId: invoice.id });
    const to = ctx ? plainAddress(ctx.customer.email) : null;
    if (!ctx || !to) return { sent: 0, skipped: recorded.length };
    const queued = await enqueueEmail(tx, {
      userId: invoice.userId,
      invoiceId: invoice.id,
      kind: "invoice_reminder",
      attachment: { kind: "invoice", id: invoice.id },
      dedupeKey: `reminder:${invoice.id}:${send.offsetDays}`,
      to: { address: to, name: ctx.customer.name },
      fromName: ctx.seller.businessName,
      replyTo: ctx.seller.replyTo,
      content: renderInvoiceEmail({
        reminder: true,
        notYetOverdue: send.dueOn <= invoice.dueDate && fresh.today <= invoice.dueDate,
        businessName: ctx.seller.businessName,
        sellerEmail: ctx.seller.replyTo,
        customerName: ctx.customer.name,
        invoiceNumber: invoice.number,
        currency: invoice.currency,
        dueMinor: amountDueMinor(invoice),
        dueDate: invoice.dueDate,
        payUrl: payLinkUrl(invoice.payToken),
        message: null,
        format: formatPreferencesOf(ctx.seller),
      }),
      now,
    });
    if (queued.outcome !== "queued") return { sent: 0, skipped: recorded.length };
    await setReminderEmail(tx, {
      invoiceId: invoice.id,
      offsetDays: send.offsetDays,
      emailId: queued.email.id,
    });
    await appendAudit(tx, {
      userId: invoice.userId,
      invoiceId: invoice.id,
      actor: "system",
      action: "invoice.reminder_sent",
      amountMinor: amountDueMinor(invoice),
      currency: invoice.currency,
      details: { offsetDays: send.offsetDays, dueOn: send.dueOn, skipped: steps.skip.length },
    });
    return { sent: 1, skipped: recorded.length - 1 };
  });
}

/**
 * Queues every reminder that is due at `now`, in batches, until none is left. Safe to run on any number
 * of instances at once: each step is decided under the invoice's row lock and recorded once.
 */
export async function runDueReminders(
  db: Database,
  options: { now: Date; batchSize?: number; stopping?: () => boolean },
): Promise<ReminderPass> {
  const pass: ReminderPass = { invoices: 0, sent: 0, skipped: 0 };
  const batchSize = options.batchSize ?? 200;
  for (;;) {
    const batch = await listReminderCandidatesForWorker(db, { now: options.now, limit: batchSize });
    if (batch.length === 0) break;
    let progressed = 0;
    for (const candidate of batch) {
      if (options.stopping?.()) return pass;
      const outcome = await remindOne(db, candidate, options.now);
      pass.invoices += 1;
      pass.sent += outcome.sent;
      pass.skipped += outcome.skipped;
      progressed += outcome.sent + outcome.skipped;
    }
    // A batch that changed nothing (another instance took all of it, or only unsendable rows): stop
    // rather than read it again.
    if (progressed === 0 || batch.length < batchSize) break;
  }
  if (pass.sent > 0) logger.info("reminders queued", pass);
  return pass;
}
