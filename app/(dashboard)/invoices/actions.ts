"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { payLinkUrl } from "@/lib/email/links";
import { invoiceInputSchema } from "@/lib/invoices/schema";
import { createInvoice, sendInvoice, updateInvoice, voidInvoice } from "@/lib/invoices/service";

const invoiceIdSchema = z.uuid("Unknown invoice.");

function revalidateInvoice(invoiceId: string) {
  revalidatePath("/invoices");
  revalidatePath(`/invoices/${invoiceId}`);
  revalidatePath("/dashboard");
}

export const createInvoiceAction = authedAction(
  "createInvoice",
  invoiceInputSchema,
  async (values, { user, db }) => {
    const invoice = await createInvoice(db, { userId: user.id }, values);
    revalidateInvoice(invoice.id);
    return { id: invoice.id, number: invoice.number };
  },
);

export const updateInvoiceAction = authedAction(
  "updateInvoice",
  // Flat: the invoice's fields and its id side by side, so errors name the fields as the create form does.
  z.object({ invoiceId: invoiceIdSchema }).and(invoiceInputSchema),
  async ({ invoiceId, ...values }, { user, db }) => {
    const invoice = await updateInvoice(db, { userId: user.id, invoiceId }, values);
    revalidateInvoice(invoice.id);
    return { id: invoice.id, number: invoice.number };
  },
);

export const sendInvoiceAction = authedAction(
  "sendInvoice",
  z.object({ invoiceId: invoiceIdSchema }),
  async ({ invoiceId }, { user, db }) => {
    requireVerifiedEmail(user);
    const invoice = await sendInvoice(db, { userId: user.id, invoiceId });
    revalidateInvoice(invoice.id);
    return { id: invoice.id, payUrl: invoice.payToken ? payLinkUrl(invoice.payToken) : null };
  },
);

export const voidInvoiceAction = authedAction(
  "voidInvoice",
  z.object({ invoiceId: invoiceIdSchema }),
  async ({ invoiceId }, { user, db }) => {
    const invoice = await voidInvoice(db, { userId: user.id, invoiceId });
    revalidateInvoice(invoice.id);
    return { id: invoice.id };
  },
);
