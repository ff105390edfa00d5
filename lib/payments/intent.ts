import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { lockInvoiceByPayLinkToken } from "@/db/queries/invoices";
import { findActivePayment, insertPayment, updatePayment } from "@/db/queries/payments";
import { getUserById } from "@/db/queries/users";
import type { Invoice, Payment, User } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { amountDueMinor } from "@/lib/invoices/totals";
import { retryAfterServerError } from "@/lib/stripe/after-server-error";
import { getStripe } from "@/lib/stripe/client";
import { type PaymentsGate, paymentsAccount } from "@/lib/stripe/connection";
import { toAppError } from "@/lib/stripe/errors";
import { recordPaymentOutcome } from "@/lib/stripe/sync/payment-intent";
import { disconnectIfRevoked } from "@/lib/stripe/sync/shared";
import { chargeAmountMinor } from "./amount";
import { CANCEL_PARAMS, cancelKey, cancelOpenPaymentIntents } from "./cancel";
import { applicationFeeMinor } from "./fees";
import { paymentStatusFromIntent } from "./status";

export type PreparedIntent = {
  clientSecret: string;
  amountMinor: number;
  currency: string;
  /** What the invoice still asks for (its total less what was paid in its currency). */
  dueMinor: number;
  stripeAccount: string;
  /**
   * Whether the figures match the ones the page showed (`expected`): false means the invoice changed
   * since, and the page must show the new figures and ask again before confirming. True when no
   * figures were sent (the page's first request).
   */
  upToDate: boolean;
};

/** The figures the pay page shows the Customer, sent back before it confirms. */
export type ExpectedFigures = { amountMinor: number; currency: string; dueMinor: number };

/** The invoice can take no payment any more (void or paid): the pay page says so instead of a form. */
export class InvoiceClosedError extends AppError {
  constructor(
    message: string,
    readonly state: "void" | "paid",
  ) {
    super("conflict", message);
  }
}

export const SELLER_CANNOT_CHARGE = "This seller cannot accept card payments yet.";

const UPDATABLE = new Set<Stripe.PaymentIntent.Status>(["requires_payment_method", "requires_confirmation"]);

/** Whether the seller can be paid on their connected account right now (lib/stripe/connection.ts). */
export function sellerAccountFor(seller: PaymentsGate): string | null {
  return paymentsAccount(seller);
}

function feeFor(amountMinor: number) {
  const env = getEnv();
  return applicationFeeMinor(amountMinor, {
    feeBps: env.platformFeeBps,
    fixedMinor: env.PLATFORM_FEE_FIXED_MINOR,
  });
}

function secretOf(intent: Stripe.PaymentIntent): string {
  if (!intent.client_secret) throw new Error("PaymentIntent without client_secret");
  return intent.client_secret;
}

/** The invoice's open PaymentIntent turned out to be paid already (its return page and webhook are yet to come). */
class IntentCompleted extends Error {
  constructor(
    readonly intent: Stripe.PaymentIntent,
    readonly account: string,
  ) {
    super("payment intent already completed");
  }
}

/** Reuses the invoice's open PaymentIntent, moving its amount to the one asked for; null if it cannot be reused. */
async function reuseIntent(
  db: Database,
  ctx: { payment: Payment; account: string; amountMinor: number },
): Promise<Stripe.PaymentIntent | null> {
  const { payment, account, amountMinor } = ctx;
  const stripe = getStripe();
  if (!payment.stripePaymentIntentId) return null;
  // With its charge: should it turn out paid already, it is recorded with the card's brand and last 4.
  const intent = await stripe.paymentIntents.retrieve(
    payment.stripePaymentIntentId,
    { expand: ["latest_charge"] },
    { stripeAccount: account },
  );
  switch (intent.status) {
    case "processing":
      throw new AppError(
        "conflict",
        "A payment for this invoice is already being processed. Please wait for it to finish.",
      );
    case "succeeded":
    case "requires_capture":
      // Recorded after the invoice's transaction, which this throw rolls back.
      throw new IntentCompleted(intent, account);
    case "canceled":
      await updatePayment(db, payment.id, { status: "canceled" });
      return null;
    default:
      break;
  }
  const fee = feeFor(amountMinor);
  if (intent.amount === amountMinor && (intent.application_fee_amount ?? 0) === fee) return intent;
  if (!UPDATABLE.has(intent.status)) {
    // Mid-authentication the amount cannot change; start a fresh intent for the new amount instead.
    const cancel = (idempotencyKey: string) =>
      stripe.paymentIntents.cancel(intent.id, CANCEL_PARAMS, { stripeAccount: account, idempotencyKey });
    await cancel(cancelKey(payment)).catch((error: unknown) =>
      retryAfterServerError(
        error,
        {
          lookup: () => stripe.paymentIntents.retrieve(intent.id, {}, { stripeAccount: account }),
          done: (current) => current.status === "canceled",
          resend: cancel,
        },
        cancelKey(payment),
      ),
    );
    await updatePayment(db, payment.id, { status: "canceled" });
    return null;
  }
  const changes = { amount: amountMinor, application_fee_amount: fee > 0 ? fee : undefined };
  const key = `payment:${payment.id}:amount:${amountMinor}:${payment.updatedAt.getTime()}`;
  const update = (idempotencyKey: string) =>
    stripe.paymentIntents.update(intent.id, changes, { stripeAccount: account, idempotencyKey });
  // A 5xx spends the key (this row's updatedAt does not move, as the transaction rolls back): Stripe is
  // read, and the amount sent again under a new key only if it is not there yet.
  const updated = await update(key).catch((error: unknown) =>
    retryAfterServerError(
      error,
      {
        lookup: () =>
          stripe.paymentIntents.retrieve(
            intent.id,
            { expand: ["latest_charge"] },
            { stripeAccount: account },
          ),
        done: (current) => current.amount === amountMinor && (current.application_fee_amount ?? 0) === fee,
        resend: update,
      },
      key,
    ),
  );
  await updatePayment(db, payment.id, {
    amountMinor,
    applicationFeeMinor: fee,
    status: paymentStatusFromIntent(updated),
  });
  return updated;
}

async function createIntent(
  db: Database,
  ctx: { invoice: Invoice; seller: User; account: string; amountMinor: number },
): Promise<Stripe.PaymentIntent> {
  const { invoice, seller, account, amountMinor } = ctx;
  const fee = feeFor(amountMinor);
  const payment = await insertPayment(db, {
    userId: invoice.userId,
    invoiceId: invoice.id,
    stripeAccountId: account,
    amountMinor,
    currency: invoice.currency,
    applicationFeeMinor: fee,
  });
  const intent = await getStripe().paymentIntents.create(
    {
      amount: amountMinor,
      currency: invoice.currency,
      automatic_payment_methods: { enabled: true },
      ...(fee > 0 ? { application_fee_amount: fee } : {}),
      description: `${invoice.number} from ${seller.businessName}`,
      metadata: { invoice_id: invoice.id, payment_id: payment.id, invoice_number: invoice.number },
    },
    { stripeAccount: account, idempotencyKey: `payment:${payment.id}:intent` },
  );
  await updatePayment(db, payment.id, { stripePaymentIntentId: intent.id });
  return intent;
}

function sameFigures(expected: ExpectedFigures | undefined, actual: ExpectedFigures): boolean {
  if (!expected) return true;
  return (
    expected.amountMinor === actual.amountMinor &&
    expected.currency === actual.currency &&
    expected.dueMinor === actual.dueMinor
  );
}

/**
 * POST /api/pay/[token]/intent. The invoice row lock serialises concurrent calls for one invoice, so
 * they all share a single PaymentIntent, and the amount is recomputed from the database under it every
 * time: the figures the page sends (`expected`) only say whether it may go on to confirm.
 */
export async function preparePaymentIntent(
  db: Database,
  params: { token: string; amount?: string; expected?: ExpectedFigures },
): Promise<PreparedIntent> {
  let sellerAccount: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const invoice = await lockInvoiceByPayLinkToken(tx, params.token);
      if (!invoice) throw new AppError("not_found", "This invoice was not found.");
      if (invoice.status === "void") {
        throw new InvoiceClosedError(
          "This invoice has been voided by the seller and can no longer be paid.",
          "void",
        );
      }
      const dueMinor = amountDueMinor(invoice);
      if (invoice.status === "paid" || dueMinor === 0) {
        throw new InvoiceClosedError("This invoice is already paid.", "paid");
      }
      const seller = await getUserById(tx, invoice.userId);
      const account = seller ? sellerAccountFor(seller) : null;
      if (!seller || !account) throw new AppError("conflict", SELLER_CANNOT_CHARGE);
      sellerAccount = account;
      // A part amount typed in the invoice's old currency means nothing in its new one: ask for the whole
      // amount due, and the page (told the figures changed) lets the Customer choose again.
      const currencyChanged = params.expected !== undefined && params.expected.currency !== invoice.currency;
      const amountMinor = chargeAmountMinor(
        invoice,
        currencyChanged ? undefined : params.amount,
        seller.stripeDefaultCurrency,
      );

      const active = await findActivePayment(tx, invoice.id);
      const reused =
        active && active.stripeAccountId === account && active.currency === invoice.currency
          ? await reuseIntent(tx, { payment: active, account, amountMinor })
          : null;
      const intent = reused ?? (await createIntent(tx, { invoice, seller, account, amountMinor }));
      const figures = { amountMinor, currency: invoice.currency, dueMinor };
      return {
        clientSecret: secretOf(intent),
        ...figures,
        stripeAccount: account,
        upToDate: sameFigures(params.expected, figures),
      };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof IntentCompleted) {
      const result = await recordPaymentOutcome(db, {
        intent: error.intent,
        accountId: error.account,
        actor: "customer",
      });
      if (result.recorded && result.invoiceClosed) {
        await cancelOpenPaymentIntents(db, { invoiceId: result.payment.invoiceId, reason: "closed" });
      }
      throw new AppError(
        "conflict",
        "A payment for this invoice has just completed. Reload the page to see it.",
      );
    }
    if (sellerAccount && (await disconnectIfRevoked(db, { accountId: sellerAccount, error }))) {
      throw new AppError("conflict", SELLER_CANNOT_CHARGE);
    }
    if (error instanceof Stripe.errors.StripeError) throw toAppError(error);
    throw error;
  }
}
