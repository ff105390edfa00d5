"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Database } from "@/db";
import type { User } from "@/db/schema";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { emailInvoice } from "@/lib/email/invoice-emails";
import { sendInvoiceByEmail } from "@/lib/email/send-invoice-by-email";
import { AppError } from "@/lib/errors";
import { consumeAll, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { text } from "@/lib/validation/text";

// A "use server" file exports only actions; the form repeats this limit for its counter.
const EMAIL_MESSAGE_MAX = 2000;

const emailInvoiceSchema = z.object({
  invoiceId: z.uuid("Unknown invoice."),
  message: text()
    .trim()
    .max(EMAIL_MESSAGE_MAX, `Keep the message under ${EMAIL_MESSAGE_MAX} characters.`)
    .optional()
    .transform((v) => (v ? v : null)),
});

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
  emailInvoiceSchema,
  async ({ invoiceId, message }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await emailInvoice(db, { userId: user.id, invoiceId, kind: "invoice", message });
    revalidateInvoice(invoiceId);
    return { emailId: email.id, to: email.toAddress };
  },
);

/** Issues a draft and emails it in one step (the send dialog's primary button). */
export const sendInvoiceByEmailAction = authedAction(
  "sendInvoiceByEmail",
  emailInvoiceSchema,
  async ({ invoiceId, message }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await sendInvoiceByEmail(db, { userId: user.id, invoiceId, message });
    revalidateInvoice(invoiceId);
    revalidatePath("/invoices");
    return { emailId: email.id, to: email.toAddress };
  },
);

export const emailReminderAction = authedAction(
  "emailReminder",
  emailInvoiceSchema,
  async ({ invoiceId, message }, { user, db }) => {
    await allowInvoiceEmail(db, user, invoiceId);
    const email = await emailInvoice(db, { userId: user.id, invoiceId, kind: "reminder", message });
    revalidateInvoice(invoiceId);
    return { emailId: email.id, to: email.toAddress };
  },
);
