// The records integration tests start from — Users, connected sellers, Customers, invoices, payments,
// refunds — made through the app's own services and actions (and the emulator, through the official
// stripe SDK), so a fixture can never hold a state the app itself could not reach. One home for each:
// tests/support/harness.ts binds the common ones to the file's database and emulator.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { sendInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import type { Database } from "@/db";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { saveConnectedAccount } from "@/db/queries/stripe-accounts";
import { createUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createCustomer } from "@/lib/customers/service";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { createInvoice } from "@/lib/invoices/service";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import type { TestEmulator } from "./emulator";
import { signInAs } from "./session";

// ── Users and sellers ────────────────────────────────────────────────────────────────────────────────

export const TEST_PASSWORD = "correct-horse-battery";
// Hashing is slow by design: one hash serves every User of the run.
let passwordHash: Promise<string> | undefined;

export async function createTestUser(
  db: Database,
  overrides: { email?: string; businessName?: string; verified?: boolean } = {},
): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const result = await createUser(db, {
    email: overrides.email ?? `user-${randomUUID()}@example.test`,
    name: "Test User",
    businessName: overrides.businessName ?? "Test Business",
    passwordHash: await passwordHash,
    // Most tests are about what a confirmed User does; the verification tests ask for an unconfirmed one.
    emailVerifiedAt: overrides.verified === false ? null : new Date(),
  });
  if (!result.ok) throw new Error("could not create test user");
  return result.user;
}

export type Seller = { user: User; accountId: string };

/** A User whose fresh emulator account (GB, GBP) is connected and, unless told otherwise, takes charges. */
export async function createSellerWithAccount(
  db: Database,
  emulator: TestEmulator,
  options: { chargesEnabled?: boolean } = {},
): Promise<Seller> {
  const user = await createTestUser(db, { businessName: `Seller ${randomUUID().slice(0, 6)}` });
  const account = await emulator.control.createAccount({
    name: user.businessName,
    country: "GB",
    charges_enabled: options.chargesEnabled ?? true,
    connected: true,
  });
  const saved = await saveConnectedAccount(db, {
    userId: user.id,
    accountId: account.id,
    snapshot: {
      chargesEnabled: account.charges_enabled,
      detailsSubmitted: account.details_submitted,
      country: "GB",
      defaultCurrency: "gbp",
    },
    at: new Date(),
  });
  if (!saved.ok) throw new Error("could not connect test account");
  return { user: saved.user, accountId: account.id };
}

// ── Customers and invoices ───────────────────────────────────────────────────────────────────────────

/** A Customer of the User's; only the name and email are set unless `fields` says otherwise. */
export async function addCustomer(
  db: Database,
  userId: string,
  fields: { name?: string; email?: string | null } = {},
) {
  return createCustomer(db, userId, {
    name: fields.name ?? "Buyer",
    email: fields.email === undefined ? "buyer@example.test" : fields.email,
    phone: null,
    address: null,
    taxId: null,
  });
}

/** Three lines as the invoice form sends them (decimal strings): £78.03 in all. */
export const threeItemInvoice = (customerId: string) => ({
  customerId,
  currency: "gbp",
  issueDate: "2026-11-01",
  dueDate: "2026-11-15",
  notes: "Thanks",
  items: [
    { description: "Design", quantity: "3", unitPrice: "19.99", taxRate: "" },
    { description: "Hosting", quantity: "1.5", unitPrice: "10.00", taxRate: "20" },
    { description: "Domain", quantity: "1", unitPrice: "0.05", taxRate: "20" },
  ],
});

/** One line, 1 × "Work", in the invoice service's own values: its total is the unit amount plus tax. */
export function oneLineInvoice(
  customerId: string,
  line: { currency?: string; unitAmountMinor?: number; taxRateBps?: number | null } = {},
  extra: Partial<InvoiceValues> = {},
): InvoiceValues {
  return {
    customerId,
    currency: line.currency ?? "gbp",
    issueDate: "2026-11-01",
    dueDate: "2026-11-30",
    notes: null,
    allowPartialPayments: false,
    partialMinimumMinor: null,
    items: [
      {
        description: "Work",
        quantityMilli: 1000,
        unitAmountMinor: line.unitAmountMinor ?? 10_000,
        taxRateBps: line.taxRateBps ?? null,
      },
    ],
    ...extra,
  };
}

export type SentInvoice = { invoiceId: string; token: string };

/**
 * A £120.00 invoice (£100.00 + 20 % tax) sent with the dashboard's send action, for a new Customer
 * unless `overrides.customerId` names one. Leaves the User signed in.
 */
export async function sentInvoice(
  db: Database,
  user: User,
  overrides: Partial<InvoiceValues> = {},
): Promise<SentInvoice> {
  const customerId = overrides.customerId ?? (await addCustomer(db, user.id)).id;
  const invoice = await createInvoice(
    db,
    { userId: user.id },
    oneLineInvoice(customerId, { taxRateBps: 2000 }, overrides),
  );
  signInAs(user.id);
  const sent = await sendInvoiceAction({ invoiceId: invoice.id });
  if (!sent.ok) throw new Error(sent.error.message);
  const row = await getInvoice(db, { userId: user.id, invoiceId: invoice.id });
  if (!row?.payToken) throw new Error("no pay token");
  return { invoiceId: invoice.id, token: row.payToken };
}

/** A connected seller and an open £120.00 invoice for a Customer of their own with this address. */
export async function openInvoiceFor(
  db: Database,
  emulator: TestEmulator,
  options: { customerEmail: string | null; customerName?: string; invoice?: Partial<InvoiceValues> },
) {
  const seller = await createSellerWithAccount(db, emulator);
  const customer = await addCustomer(db, seller.user.id, {
    name: options.customerName ?? "Contoso Ltd",
    email: options.customerEmail,
  });
  const invoice = await sentInvoice(db, seller.user, { customerId: customer.id, ...options.invoice });
  return { ...seller, customer, ...invoice };
}

// ── Payments ─────────────────────────────────────────────────────────────────────────────────────────

export const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0] ?? "";

/**
 * The Customer pays on the pay link (`amount`, or all that is due) with `paymentMethod` (a test card's
 * pm_card_… id, Visa by default): the PaymentIntent is confirmed on the emulator and nothing is
 * recorded yet. Returns the PaymentIntent's id.
 */
export async function payOnStripe(
  db: Database,
  emulator: TestEmulator,
  x: { token: string; accountId: string; amount?: string; paymentMethod?: string },
): Promise<string> {
  const prepared = await preparePaymentIntent(db, { token: x.token, amount: x.amount });
  const paymentIntentId = intentIdOf(prepared.clientSecret);
  await emulator.stripe.paymentIntents.confirm(
    paymentIntentId,
    { payment_method: x.paymentMethod ?? "pm_card_visa", return_url: "http://127.0.0.1/return" },
    { stripeAccount: x.accountId },
  );
  return paymentIntentId;
}

/**
 * As payOnStripe, plus the two events the emulator emitted for the success, ready to deliver as a
 * Connect endpoint would get them (with `account`): `event` (payment_intent.succeeded, naming its charge
 * by id only) and `charge` (charge.succeeded, whose charge carries the card).
 */
export async function customerPays(
  db: Database,
  emulator: TestEmulator,
  x: { token: string; accountId: string; amount?: string },
) {
  const paymentIntentId = await payOnStripe(db, emulator, x);
  const events = await emulator.stripe.events.list(
    { type: "payment_intent.succeeded", limit: 100 },
    { stripeAccount: x.accountId },
  );
  const event = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === paymentIntentId);
  if (!event) throw new Error("no succeeded event");
  const charges = await emulator.stripe.events.list(
    { type: "charge.succeeded", limit: 100 },
    { stripeAccount: x.accountId },
  );
  const charge = charges.data.find(
    (e) => (e.data.object as Stripe.Charge).payment_intent === paymentIntentId,
  );
  if (!charge) throw new Error("no charge.succeeded event");
  return {
    paymentIntentId,
    event: { ...event, account: x.accountId },
    charge: { ...charge, account: x.accountId },
  };
}

/** A sent £120.00 invoice paid in full and recorded by the return page (a new seller's, unless given). */
export async function paidInvoice(
  db: Database,
  emulator: TestEmulator,
  options: { paymentMethod?: string; seller?: Seller } = {},
) {
  const seller = options.seller ?? (await createSellerWithAccount(db, emulator));
  const invoice = await sentInvoice(db, seller.user);
  const paymentIntentId = await payOnStripe(db, emulator, {
    token: invoice.token,
    accountId: seller.accountId,
    paymentMethod: options.paymentMethod,
  });
  await completeReturn(db, { token: invoice.token, paymentIntentId });
  const [payment] = await listPaymentsOfInvoice(db, { userId: seller.user.id, invoiceId: invoice.invoiceId });
  if (payment?.status !== "succeeded") throw new Error("payment did not succeed");
  return { ...seller, ...invoice, paymentIntentId, payment };
}

export type PaidInvoice = Awaited<ReturnType<typeof paidInvoice>>;

// ── Refunds and what tests compare ───────────────────────────────────────────────────────────────────

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
