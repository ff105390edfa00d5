import "server-only";
import type { Database } from "@/db";
import type { OutboxEmail } from "@/db/schema";
import { sendInvoice } from "@/lib/invoices/service";
import { emailInvoice } from "./invoice-emails";

/**
 * "Send invoice": issue the draft (it gets its number's pay link) and queue its email with the PDF, in one
 * transaction. If the email cannot be queued (the customer has no address, say) the invoice stays a draft,
 * so "sent" never means a pay link nobody was told about. The outbox worker delivers the email.
 */
export async function sendInvoiceByEmail(
  db: Database,
  params: {
    userId: string;
    invoiceId: string;
    message: string | null;
    subject?: string | null;
    cc?: readonly string[];
    now?: Date;
  },
): Promise<OutboxEmail> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    await sendInvoice(tx, { userId: params.userId, invoiceId: params.invoiceId }, now);
    return emailInvoice(tx, { ...params, kind: "invoice", now });
  });
}
