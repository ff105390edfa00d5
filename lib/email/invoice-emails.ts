import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { countInvoiceEmails, getInvoiceEmailContext } from "@/db/queries/email-outbox";
import { lockInvoice } from "@/db/queries/invoices";
import type { OutboxEmail } from "@/db/schema";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { AppError, notFound } from "@/lib/errors";
import { formatDay, formatPreferencesOf, isoDayIn } from "@/lib/format";
import { isAwaitingPayment, isOverdue } from "@/lib/invoices/status";
import { amountDueMinor } from "@/lib/invoices/totals";
import { enqueueEmail } from "./enqueue";
import { bodyText, plainAddress } from "./headers";
import { payLinkUrl } from "./links";
import { renderInvoiceEmail } from "./templates/invoice";

export type InvoiceEmailKind = "invoice" | "reminder";

/**
 * Queues "Invoice … from <business>" (or its reminder) to the invoice's Customer. The invoice row lock
 * serialises two sends of one invoice, so each gets its own number in the dedupe key. Nothing is sent
 * here: the worker delivers it, so a slow SMTP server never holds up the request.
 */
export async function emailInvoice(
  db: Database,
  params: {
    userId: string;
    invoiceId: string;
    kind: InvoiceEmailKind;
    message: string | null;
    /** The seller's own subject (the send dialog); the built-in one when absent. */
    subject?: string | null;
    /** Addresses copied in, already validated by the caller; checked again when queued. */
    cc?: readonly string[];
    now?: Date;
  },
): Promise<OutboxEmail> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const locked = await lockInvoice(tx, { userId: params.userId, invoiceId: params.invoiceId });
    if (!locked) throw notFound("That invoice");
    if (locked.status === "draft")
      throw new AppError("conflict", "Send the invoice first: that creates the pay link the email carries.");
    if (!isAwaitingPayment(locked.status) || !locked.payToken)
      throw new AppError("conflict", "Only open invoices with an amount due can be sent by email.");
    const prefs = await formatPreferencesFor(params.userId, tx);
    if (params.kind === "reminder" && !isOverdue(locked, isoDayIn(now, prefs.timeZone)))
      throw new AppError(
        "conflict",
        `This invoice is not overdue yet: it is due on ${formatDay(locked.dueDate, prefs, "document")}. Send it by email instead.`,
      );

    const ctx = await getInvoiceEmailContext(tx, { userId: params.userId, invoiceId: locked.id });
    if (!ctx) throw notFound("That invoice");
    const { customer, seller } = ctx;
    const to = plainAddress(customer.email);
    if (!to) {
      throw new AppError(
        "validation",
        `${customer.name} has no email address. Add one to the customer, then send the invoice again.`,
      );
    }

    const previous = await countInvoiceEmails(tx, {
      userId: params.userId,
      invoiceId: locked.id,
      kinds: ["invoice", "invoice_reminder"],
    });
    const message = params.message ? bodyText(params.message) : "";
    const result = await enqueueEmail(tx, {
      userId: params.userId,
      invoiceId: locked.id,
      kind: params.kind === "reminder" ? "invoice_reminder" : "invoice",
      attachment: { kind: "invoice", id: locked.id },
      dedupeKey: `invoice:${locked.id}:${previous + 1}`,
      to: { address: to, name: customer.name },
      cc: params.cc ?? [],
      fromName: seller.businessName,
      replyTo: seller.replyTo,
      content: renderInvoiceEmail({
        reminder: params.kind === "reminder",
        businessName: seller.businessName,
        sellerEmail: seller.replyTo,
        customerName: customer.name,
        invoiceNumber: locked.number,
        currency: locked.currency,
        dueMinor: amountDueMinor(locked),
        dueDate: locked.dueDate,
        payUrl: payLinkUrl(locked.payToken),
        message: message || null,
        subject: params.subject ?? null,
        format: formatPreferencesOf(seller),
      }),
      now,
    });
    if (result.outcome !== "queued") throw new Error(`invoice email not queued: ${result.outcome}`);
    // History says what happened: the email was queued for these addresses, as stored (the Emails card
    // shows whether it went out).
    await appendAudit(tx, {
      userId: params.userId,
      invoiceId: locked.id,
      actor: "user",
      action: params.kind === "reminder" ? "invoice.reminder_emailed" : "invoice.emailed",
      details: { to, ...(result.email.cc.length > 0 ? { cc: result.email.cc.join(", ") } : {}) },
    });
    return result.email;
  });
}
