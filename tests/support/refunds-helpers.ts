import type { Database } from "@/db";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import type { User } from "@/db/schema";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import type { TestEmulator } from "./emulator";
import { createSellerWithAccount, sentInvoice } from "./payments";

export const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0] ?? "";

export type Seller = { user: User; accountId: string };

/** A sent £120.00 invoice paid in full with `paymentMethod` (a test card's pm_card_… id). */
export async function paidInvoice(
  db: Database,
  emulator: TestEmulator,
  options: { paymentMethod?: string; seller?: Seller } = {},
) {
  const seller = options.seller ?? (await createSellerWithAccount(db, emulator));
  const invoice = await sentInvoice(db, seller.user);
  const prepared = await preparePaymentIntent(db, { token: invoice.token });
  const paymentIntentId = intentIdOf(prepared.clientSecret);
  await emulator.stripe.paymentIntents.confirm(
    paymentIntentId,
    { payment_method: options.paymentMethod ?? "pm_card_visa", return_url: "http://127.0.0.1/return" },
    { stripeAccount: seller.accountId },
  );
  await completeReturn(db, { token: invoice.token, paymentIntentId });
  const [payment] = await listPaymentsOfInvoice(db, { userId: seller.user.id, invoiceId: invoice.invoiceId });
  if (payment?.status !== "succeeded") throw new Error("payment did not succeed");
  return { ...seller, ...invoice, paymentIntentId, payment };
}

export type PaidInvoice = Awaited<ReturnType<typeof paidInvoice>>;

/** What a test compares: the invoice's sums and the refunds' amounts and statuses. */
export async function refundState(db: Database, paid: PaidInvoice) {
  const invoice = await getInvoice(db, { userId: paid.user.id, invoiceId: paid.invoiceId });
  const refunds = await listRefundsOfPayment(db, { userId: paid.user.id, paymentId: paid.payment.id });
  return {
    status: invoice?.status,
    paidMinor: invoice?.paidMinor,
    refundedMinor: invoice?.refundedMinor,
    refunds: refunds
      .map((r) => ({
        amountMinor: r.amountMinor,
        status: r.status,
        origin: r.origin,
        stripeRefundId: r.stripeRefundId,
      }))
      .sort((a, b) => String(a.stripeRefundId).localeCompare(String(b.stripeRefundId))),
  };
}

export async function historyActions(db: Database, paid: { user: { id: string }; invoiceId: string }) {
  const history = await listInvoiceHistory(db, { userId: paid.user.id, invoiceId: paid.invoiceId });
  return history.map((h) => h.action);
}

/** The account's events of the given types, oldest first, as a Connect endpoint would get them. */
export async function accountEvents(emulator: TestEmulator, accountId: string, types: readonly string[]) {
  const list = await emulator.stripe.events.list({ limit: 100 }, { stripeAccount: accountId });
  return list.data
    .filter((e) => types.includes(e.type))
    .map((e) => ({ ...e, account: accountId }))
    .reverse();
}

export const REFUND_EVENT_TYPES = [
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.refund.updated",
  "charge.refunded",
] as const;
