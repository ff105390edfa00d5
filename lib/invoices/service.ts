import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { getCustomer } from "@/db/queries/customers";
import { hasMoneyOnInvoice } from "@/db/queries/invoice-money";
import { insertInvoice, lockInvoice, replaceInvoiceItems, updateInvoiceRow } from "@/db/queries/invoices";
import { takeNextInvoiceSequence } from "@/db/queries/users";
import type { Invoice } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { cancelOpenPaymentIntents } from "@/lib/payments/cancel";
import { formatInvoiceNumber } from "./number";
import { newPayToken } from "./pay-token";
import type { InvoiceValues } from "./schema";
import { canPerform, type InvoiceAction, transitionError } from "./status";
import { computeInvoiceTotals } from "./totals";

type Scope = { userId: string };

async function assertCustomerOwned(db: Database, userId: string, customerId: string) {
  const customer = await getCustomer(db, { userId, customerId });
  if (!customer) {
    throw new AppError("validation", "Choose one of your customers.", {
      fieldErrors: { customerId: ["Choose one of your customers."] },
    });
  }
}

function priced(values: InvoiceValues) {
  const totals = computeInvoiceTotals(values.items, values.currency);
  const items = values.items.map((item, position) => {
    const line = totals.lines[position];
    if (!line) throw new Error("totals and items out of step");
    return { ...item, position, ...line };
  });
  return { totals, items };
}

function invoiceColumns(values: InvoiceValues, totals: ReturnType<typeof computeInvoiceTotals>) {
  return {
    customerId: values.customerId,
    currency: values.currency,
    issueDate: values.issueDate,
    dueDate: values.dueDate,
    notes: values.notes,
    allowPartialPayments: values.allowPartialPayments,
    partialMinimumMinor: values.partialMinimumMinor,
    subtotalMinor: totals.subtotalMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
  };
}

export async function createInvoice(db: Database, scope: Scope, values: InvoiceValues): Promise<Invoice> {
  return db.transaction(async (tx) => {
    await assertCustomerOwned(tx, scope.userId, values.customerId);
    const { totals, items } = priced(values);
    const sequence = await takeNextInvoiceSequence(tx, scope.userId);
    const profile = await getBusinessProfile(tx, scope.userId);
    const invoice = await insertInvoice(tx, {
      userId: scope.userId,
      sequence,
      number: formatInvoiceNumber(sequence, profile?.invoicePrefix),
      status: "draft",
      ...invoiceColumns(values, totals),
    });
    await replaceInvoiceItems(tx, invoice.id, items);
    await appendAudit(tx, {
      userId: scope.userId,
      invoiceId: invoice.id,
      actor: "user",
      action: "invoice.created",
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
    });
    return invoice;
  });
}

async function lockForAction(db: Database, scope: Scope, invoiceId: string, action: InvoiceAction) {
  const invoice = await lockInvoice(db, { userId: scope.userId, invoiceId });
  if (!invoice) throw notFound("That invoice");
  if (!canPerform(invoice.status, action, { paidMinor: invoice.paidMinor })) {
    throw new AppError("conflict", transitionError(invoice.status, action));
  }
  return invoice;
}

/** The terms a PaymentIntent was prepared against: change any of them and open intents are stale. */
function chargeTermsChanged(before: Invoice, after: Invoice): boolean {
  return (
    before.currency !== after.currency ||
    before.totalMinor !== after.totalMinor ||
    before.allowPartialPayments !== after.allowPartialPayments ||
    before.partialMinimumMinor !== after.partialMinimumMinor
  );
}

export const CURRENCY_LOCKED_MESSAGE =
  "This invoice has received a payment, so its currency can’t change. Refund the payment and void the invoice, then issue a new invoice in the other currency.";

/**
 * Edits a draft, or an open invoice with nothing paid in its currency. The currency may change only
 * while no payment has taken money in any currency (docs/decisions/0005-money-invariants.md). When the
 * amount, currency or part-payment terms change, every open PaymentIntent is canceled after the
 * transaction, as void does: a tab still showing the old figures cannot charge them, and the pay page
 * prepares a fresh intent for the new ones.
 */
export async function updateInvoice(
  db: Database,
  scope: Scope & { invoiceId: string },
  values: InvoiceValues,
): Promise<Invoice> {
  const { before, invoice } = await db.transaction(async (tx) => {
    const before = await lockForAction(tx, scope, scope.invoiceId, "edit");
    await assertCustomerOwned(tx, scope.userId, values.customerId);
    if (values.currency !== before.currency && (await hasMoneyOnInvoice(tx, before.id))) {
      throw new AppError("conflict", CURRENCY_LOCKED_MESSAGE, {
        fieldErrors: { currency: [CURRENCY_LOCKED_MESSAGE] },
      });
    }
    const { totals, items } = priced(values);
    const invoice = await updateInvoiceRow(tx, {
      userId: scope.userId,
      invoiceId: before.id,
      values: invoiceColumns(values, totals),
    });
    if (!invoice) throw notFound("That invoice");
    await replaceInvoiceItems(tx, invoice.id, items);
    await appendAudit(tx, {
      userId: scope.userId,
      invoiceId: invoice.id,
      actor: "user",
      action: "invoice.updated",
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
      details: { previousTotalMinor: before.totalMinor, previousCurrency: before.currency },
    });
    return { before, invoice };
  });
  if (invoice.status !== "draft" && chargeTermsChanged(before, invoice)) {
    await cancelOpenPaymentIntents(db, { invoiceId: invoice.id, reason: "edited" });
  }
  return invoice;
}

export async function sendInvoice(db: Database, scope: Scope & { invoiceId: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = await lockForAction(tx, scope, scope.invoiceId, "send");
    if (before.totalMinor <= 0)
      throw new AppError("conflict", "An invoice must total more than zero before it is sent.");
    const invoice = await updateInvoiceRow(tx, {
      userId: scope.userId,
      invoiceId: before.id,
      values: { status: "open", payToken: newPayToken(), sentAt: now },
    });
    if (!invoice) throw notFound("That invoice");
    await appendAudit(tx, {
      userId: scope.userId,
      invoiceId: invoice.id,
      actor: "user",
      action: "invoice.sent",
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
    });
    return invoice;
  });
}

export async function voidInvoice(db: Database, scope: Scope & { invoiceId: string }, now = new Date()) {
  const invoice = await db.transaction(async (tx) => {
    const before = await lockForAction(tx, scope, scope.invoiceId, "void");
    const invoice = await updateInvoiceRow(tx, {
      userId: scope.userId,
      invoiceId: before.id,
      values: { status: "void", voidedAt: now },
    });
    if (!invoice) throw notFound("That invoice");
    await appendAudit(tx, {
      userId: scope.userId,
      invoiceId: invoice.id,
      actor: "user",
      action: "invoice.voided",
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
    });
    return invoice;
  });
  await cancelOpenPaymentIntents(db, { invoiceId: invoice.id, reason: "voided" });
  return invoice;
}
