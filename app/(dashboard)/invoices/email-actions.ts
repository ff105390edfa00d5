"use server";

import { revalidatePath } from "next/cache";
import type { Database } from "@/db";
import type { User } from "@/db/schema";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { emailInvoice } from "@/lib/email/invoice-emails";
import { sendInvoiceByEmail } from "@/lib/email/send-invoice-by-email";
import { AppError } from "@/lib/errors";
import { consumeAll, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { invoiceEmailSchema } from "./email-schema";

/** A confirmed sender, and a few emails per invoice an hour: the action must not become a spam cannon. */
async function allowInvoiceEmail(db: Database, user: User, invoiceId: string) {
  requireVerifiedEmail(user);
  const limit = await consumeAll(db, [
    [POLICIES.invoiceSendsPerInvoice, `${user.id}:${invoiceId}`],
    [POLICIES.invoiceSendsPerUser, user.id],
  ]);
  if (!limit.allowed) {
    throw new AppError(
      "rate_limited",
      `This invoice was emailed several times already. Try again in ${waitInWords(limit.retryAfterMs)}.`,
    );
  }
}

function revalidateInvoice(invoiceId: string) {
  revalidatePath(`/invoices/${invoiceId}`);
  revalidatePath("/dev/mailbox");
}

// Both only queue the email; the outbox worker sends it, so these return at once whatever SMTP does.
export const emailInvoiceAction = authedAction(
  "emailInvoice",
  invoiceEmailSchema,
  async ({ invoiceId, message, subject, cc }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await emailInvoice(db, {
      userId: user.id,
      invoiceId,
      kind: "invoice",
      message,
      subject,
      cc,
    });
    revalidateInvoice(invoiceId);
    return { emailId: email.id, to: email.toAddress, cc: email.cc };
  },
);

/** Issues a draft and emails it in one step (the send dialog's primary button). */
export const sendInvoiceByEmailAction = authedAction(
  "sendInvoiceByEmail",
  invoiceEmailSchema,
  async ({ invoiceId, message, subject, cc }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await sendInvoiceByEmail(db, { userId: user.id, invoiceId, message, subject, cc });
    revalidateInvoice(invoiceId);
    revalidatePath("/invoices");
    return { emailId: email.id, to: email.toAddress, cc: email.cc };
  },
);

export const emailReminderAction = authedAction(
  "emailReminder",
  invoiceEmailSchema,
  // A reminder keeps its own subject ("… is overdue"), so the customer can tell it from the invoice.
  async ({ invoiceId, message, cc }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await emailInvoice(db, { userId: user.id, invoiceId, kind: "reminder", message, cc });
    revalidateInvoice(invoiceId);
    return { emailId: email.id, to: email.toAddress, cc: email.cc };
  },
);
