import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { listInvoiceEmails } from "@/db/queries/email-outbox";
import { createCustomer } from "@/lib/customers/service";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { preparePaymentIntent } from "@/lib/payments/intent";
import type { TestEmulator } from "./emulator";
import { createSellerWithAccount, sentInvoice } from "./payments";

export const TEST_FROM = "invoices@sixthdesk.test";

/** A unique address: tests on PostgreSQL share one outbox, so each test reads only its own mail. */
export function uniqueAddress(prefix = "customer") {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A connected seller and an open invoice (£120.00) for a Customer of their own. */
export async function openInvoiceFor(
  db: Database,
  emulator: TestEmulator,
  options: { customerEmail: string | null; customerName?: string; invoice?: Partial<InvoiceValues> },
) {
  const seller = await createSellerWithAccount(db, emulator);
  const customer = await createCustomer(db, seller.user.id, {
    name: options.customerName ?? "Contoso Ltd",
    email: options.customerEmail,
    phone: null,
    address: null,
    taxId: null,
  });
  const invoice = await sentInvoice(db, seller.user, { customerId: customer.id, ...options.invoice });
  return { ...seller, customer, ...invoice };
}

export function invoiceEmails(db: Database, params: { userId: string; invoiceId: string }) {
  return listInvoiceEmails(db, params);
}

const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0] ?? "";

/**
 * The Customer pays the whole invoice with a Visa (confirmed on the emulator; nothing recorded yet), and
 * the signed payment_intent.succeeded event the emulator emitted for it, ready to deliver.
 */
export async function customerPays(
  db: Database,
  emulator: TestEmulator,
  x: { token: string; accountId: string; amount?: string },
) {
  const prepared = await preparePaymentIntent(db, { token: x.token, amount: x.amount });
  const paymentIntentId = intentIdOf(prepared.clientSecret);
  await emulator.stripe.paymentIntents.confirm(
    paymentIntentId,
    { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
    { stripeAccount: x.accountId },
  );
  const events = await emulator.stripe.events.list(
    { type: "payment_intent.succeeded", limit: 100 },
    { stripeAccount: x.accountId },
  );
  const event = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === paymentIntentId);
  if (!event) throw new Error("no succeeded event");
  return { paymentIntentId, event: { ...event, account: x.accountId } };
}
