// The harness of the model-based money tests (tests/integration/money-model.test.ts): the world one run
// acts on, and the check of the money invariants against the database and the emulator after each step.
import Stripe from "stripe";
import { expect } from "vitest";
import { sendInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import type { Database } from "@/db";
import { listInvoiceMoneyForStripe } from "@/db/queries/invoice-money";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfInvoice } from "@/db/queries/refunds";
import type { User } from "@/db/schema";
import { createCustomer } from "@/lib/customers/service";
import { invoiceLedger, ledgerViolations } from "@/lib/invoices/ledger";
import type { InvoiceLineValues, InvoiceValues } from "@/lib/invoices/schema";
import { createInvoice } from "@/lib/invoices/service";
import { chargeIncrementMinor } from "@/lib/money";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import type { TestEmulator } from "./emulator";
import { createSellerWithAccount } from "./fixtures";
import type { IntegrationHarness } from "./harness";
import { signInAs } from "./session";
import { postWebhook } from "./webhooks";

/** Unit amounts per currency that Stripe can charge (above the minimum, on the currency's step). */
export const UNIT_AMOUNTS: Record<string, readonly number[]> = {
  gbp: [3_000, 5_000, 12_000],
  jpy: [800, 5_000, 12_000],
  // Three decimals, charged in steps of 0.010.
  kwd: [5_000, 12_000, 40_000],
  // Whole krónur: multiples of 100 in the API.
  isk: [50_000, 120_000, 800_000],
};

/** A minimum part payment per currency, on its step and above the GBP account's minimum charge. */
export const PART_MINIMUMS: Record<string, number> = { gbp: 100, jpy: 100, kwd: 1_000, isk: 10_000 };

/** A pay page left open: the intent it was prepared with and the figures it shows. */
export type Tab = { clientSecret: string; intentId: string; amountMinor: number; currency: string };

export type World = {
  db: Database;
  emulator: TestEmulator;
  user: User;
  accountId: string;
  invoiceId: string;
  token: string;
  customerId: string;
  /** The invoice's terms as last saved (edits start from these). */
  values: InvoiceValues;
  tabs: Tab[];
  /** Events already delivered once (kept for duplicate deliveries). */
  delivered: Stripe.Event[];
  deliveredIds: Set<string>;
  log: string[];
  /** Stripe is failing a share of the app's calls now (tests/support/money-faults.ts). */
  faultsOn?: boolean;
  /**
   * Stripe has failed since the last sync that ran with Stripe answering: a cancel the app sent then (on a
   * void, an edit, a payment in full) may have failed and is left for a sync to repeat.
   */
  cancelsMayBePending?: boolean;
};

export const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0] ?? "";

export function line(unitAmountMinor: number): InvoiceLineValues {
  return { description: "Work", quantityMilli: 1000, unitAmountMinor, taxRateBps: null };
}

/** A seller with a connected account and one sent invoice in `currency`, to run commands on. */
export async function newMoneyWorld(h: IntegrationHarness, currency: string): Promise<World> {
  const { user, accountId } = await createSellerWithAccount(h.db, h.emulator);
  const customer = await createCustomer(h.db, user.id, {
    name: "Buyer",
    email: "buyer@example.test",
    phone: null,
    address: null,
    taxId: null,
  });
  const values = {
    customerId: customer.id,
    currency,
    issueDate: "2026-11-01",
    dueDate: "2026-11-30",
    notes: null,
    allowPartialPayments: true,
    partialMinimumMinor: PART_MINIMUMS[currency] ?? null,
    items: [line(UNIT_AMOUNTS[currency]?.[1] ?? 5_000)],
  };
  const invoice = await createInvoice(h.db, { userId: user.id }, values);
  signInAs(user.id);
  const sent = await sendInvoiceAction({ invoiceId: invoice.id });
  if (!sent.ok) throw new Error(sent.error.message);
  const row = await getInvoice(h.db, { userId: user.id, invoiceId: invoice.id });
  if (!row?.payToken) throw new Error("no pay token");
  return {
    db: h.db,
    emulator: h.emulator,
    user,
    accountId,
    invoiceId: invoice.id,
    token: row.payToken,
    customerId: customer.id,
    values,
    tabs: [],
    delivered: [],
    deliveredIds: new Set(),
    log: [],
  };
}

/** Every event on the seller's account not yet delivered, oldest first, as the webhook route gets them. */
export async function undeliveredEvents(world: World): Promise<Stripe.Event[]> {
  const list = await world.emulator.stripe.events.list({ limit: 100 }, { stripeAccount: world.accountId });
  return list.data
    .filter((e) => !world.deliveredIds.has(e.id))
    .map((e) => ({ ...e, account: world.accountId }))
    .reverse();
}

/** Delivers events through the real webhook route, then applies them as the server's worker would. */
export async function deliver(world: World, events: Stripe.Event[]) {
  for (const event of events) {
    const response = await postWebhook(event);
    expect(response.status).toBe(200);
    if (!world.deliveredIds.has(event.id)) {
      world.deliveredIds.add(event.id);
      world.delivered.push(event);
    }
  }
  await drainStripeEvents(world.db);
}

const OPEN_ON_STRIPE = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);

/**
 * The invariants after a step: the ledger's own check on the rows, and the rows against Stripe's objects.
 * `settled`: every event was delivered, so the database must know all that Stripe knows.
 */
export async function checkInvariants(world: World, options: { settled: boolean }) {
  const { db, user, invoiceId, accountId } = world;
  const invoice = await getInvoice(db, { userId: user.id, invoiceId });
  if (!invoice) throw new Error("invoice vanished");
  const rows = await listInvoiceMoneyForStripe(db, invoiceId);
  expect(ledgerViolations(invoice, rows.payments, rows.refunds), "ledger").toEqual([]);

  const payments = await listPaymentsOfInvoice(db, { userId: user.id, invoiceId });
  const refunds = await listRefundsOfInvoice(db, { userId: user.id, invoiceId });
  const stripe = world.emulator.stripe;
  const onStripe = new Map<string, Stripe.PaymentIntent>();
  for (const p of payments) {
    if (!p.stripePaymentIntentId) continue;
    const intent = await stripe.paymentIntents.retrieve(
      p.stripePaymentIntentId,
      {},
      { stripeAccount: accountId },
    );
    onStripe.set(p.id, intent);
    const where = `payment ${p.id} (${intent.id})`;
    // Every amount asked of Stripe is on the currency's step (KWD in 0.010, ISK in whole krónur).
    expect(intent.amount % chargeIncrementMinor(intent.currency), `${where} off its step`).toBe(0);
    // The database never claims more than Stripe has.
    if (p.status === "succeeded") {
      expect(intent.status, where).toBe("succeeded");
      expect([intent.amount, intent.currency], where).toEqual([p.amountMinor, p.currency]);
    }
    if (p.status === "canceled") expect(intent.status, where).toBe("canceled");
    // An invoice can be paid only in its current currency, and not at all once paid or void.
    const closed = invoice.status === "paid" || invoice.status === "void";
    // While Stripe fails, a cancel may fail too: a sync (reconcile) cancels it once Stripe answers again,
    // so until one has run without faults an open intent of a closed invoice is not yet a broken promise.
    if (!world.faultsOn && !world.cancelsMayBePending && (closed || intent.currency !== invoice.currency)) {
      expect(OPEN_ON_STRIPE.has(intent.status), `${where} left open (${invoice.status})`).toBe(false);
    }
    // After every event was delivered, the database knows every success: nothing is dropped.
    if (options.settled && intent.status === "succeeded") expect(p.status, where).toBe("succeeded");
  }
  // Never refunded twice: at most one Stripe refund for each of our refund rows, whatever failed.
  for (const id of new Set(
    payments.flatMap((p) => (p.stripePaymentIntentId ? [p.stripePaymentIntentId] : [])),
  )) {
    const made = await stripe.refunds.list({ payment_intent: id, limit: 100 }, { stripeAccount: accountId });
    const ours = made.data.flatMap((r) => (r.metadata?.refund_id ? [r.metadata.refund_id] : []));
    expect(ours.length, `refunds of ${id} made twice: ${ours.join(",")}`).toBe(new Set(ours).size);
  }
  for (const r of refunds) {
    if (r.status !== "succeeded") continue;
    expect(r.stripeRefundId, `refund ${r.id}`).toBeTruthy();
    const refund = await stripe.refunds.retrieve(r.stripeRefundId ?? "", {}, { stripeAccount: accountId });
    expect([refund.status, refund.amount, refund.currency]).toEqual(["succeeded", r.amountMinor, r.currency]);
  }
  if (options.settled) {
    // Per currency, what Stripe took less what it gave back is what the ledger says is held.
    const ledger = invoiceLedger(invoice, rows.payments, rows.refunds);
    for (const c of ledger.currencies) {
      let taken = 0;
      for (const [, intent] of onStripe) {
        if (intent.status === "succeeded" && intent.currency === c.currency) taken += intent.amount;
      }
      expect(c.receivedMinor, `received in ${c.currency}`).toBe(taken);
    }
  }
}

export function isStripeRefusal(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError
  );
}
