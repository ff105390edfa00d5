import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getCustomer } from "@/db/queries/customers";
import { insertInvoice, lockInvoice, replaceInvoiceItems, updateInvoiceRow } from "@/db/queries/invoices";
import { takeNextInvoiceSequence } from "@/db/queries/users";
import type { Invoice } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { cancelOpenPaymentIntent } from "@/lib/payments/cancel";
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
    const invoice = await insertInvoice(tx, {
      userId: scope.userId,
      sequence,
      number: formatInvoiceNumber(sequence),
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

export async function updateInvoice(
  db: Database,
  scope: Scope & { invoiceId: string },
  values: InvoiceValues,
): Promise<Invoice> {
  return db.transaction(async (tx) => {
    const before = await lockForAction(tx, scope, scope.invoiceId, "edit");
    await assertCustomerOwned(tx, scope.userId, values.customerId);
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
    return invoice;
  });
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
  await cancelOpenPaymentIntent(db, invoice.id);
  return invoice;
}
