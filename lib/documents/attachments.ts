import "server-only";
import type { Database } from "@/db/client";
import type { OutboxEmail } from "@/db/schema";
import { creditNotePdfForUser, invoicePdfForUser, type RenderedDocument, receiptPdfForUser } from "./service";

export type EmailAttachment = { filename: string; content: Buffer; contentType: "application/pdf" };

/**
 * The PDF an outbox email carries, rendered when the worker sends it (docs/decisions/0010): the
 * enqueue happens inside the transactions that record payments and refunds, where a render would hold
 * row locks, and the documents are deterministic from our rows, so storing the bytes would only grow
 * the outbox. Scoped by the email's owner like every other read.
 */
export async function attachmentsFor(
  db: Database,
  email: Pick<OutboxEmail, "userId" | "attachmentKind" | "attachmentId">,
): Promise<EmailAttachment[]> {
  const { attachmentKind: kind, attachmentId: id, userId } = email;
  if (!kind || !id) return [];
  let doc: RenderedDocument | null;
  switch (kind) {
    case "invoice":
      doc = await invoicePdfForUser(db, { userId, invoiceId: id });
      break;
    case "receipt":
      doc = await receiptPdfForUser(db, { userId, paymentId: id });
      break;
    case "credit_note":
      doc = await creditNotePdfForUser(db, { userId, refundId: id });
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown attachment kind ${String(never)}`);
    }
  }
  // The record is gone or no longer qualifies (an invoice deleted with its account): send the email
  // without the document rather than never.
  return doc ? [{ filename: doc.fileName, content: doc.pdf, contentType: "application/pdf" }] : [];
}
