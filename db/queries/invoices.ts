import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  customers,
  type Invoice,
  type InvoiceItem,
  invoiceItems,
  invoices,
  type NewInvoice,
  type NewInvoiceItem,
  users,
} from "../schema";
import type { InvoiceStatus } from "../schema-types";

export type ItemValues = Omit<NewInvoiceItem, "id" | "invoiceId" | "createdAt" | "updatedAt">;

export async function insertInvoice(db: Database, values: NewInvoice): Promise<Invoice> {
  const [row] = await db.insert(invoices).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function replaceInvoiceItems(db: Database, invoiceId: string, items: readonly ItemValues[]) {
  await db.delete(invoiceItems).where(eq(invoiceItems.invoiceId, invoiceId));
  if (items.length === 0) return [];
  return db
    .insert(invoiceItems)
    .values(items.map((item) => ({ ...item, invoiceId })))
    .returning();
}

/** Locks the invoice row for the rest of the transaction; scoped by owner. */
export async function lockInvoice(db: Database, params: { userId: string; invoiceId: string }) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, params.invoiceId), eq(invoices.userId, params.userId)))
    .for("update")
    .limit(1);
  return row;
}

export async function updateInvoiceRow(
  db: Database,
  params: { userId: string; invoiceId: string; values: Partial<NewInvoice> },
): Promise<Invoice | undefined> {
  const [row] = await db
    .update(invoices)
    .set(params.values)
    .where(and(eq(invoices.id, params.invoiceId), eq(invoices.userId, params.userId)))
    .returning();
  return row;
}

export type InvoiceDetail = Invoice & {
  items: InvoiceItem[];
  customer: { id: string; name: string; email: string | null; address: string | null; taxId: string | null };
};

export async function getInvoice(
  db: Database,
  params: { userId: string; invoiceId: string },
): Promise<InvoiceDetail | undefined> {
  const [row] = await db
    .select({ invoice: invoices, customer: customers })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.id, params.invoiceId), eq(invoices.userId, params.userId)))
    .limit(1);
  if (!row) return undefined;
  const items = await listItems(db, row.invoice.id);
  return { ...row.invoice, items, customer: pickCustomer(row.customer) };
}

function pickCustomer(c: typeof customers.$inferSelect) {
  return { id: c.id, name: c.name, email: c.email, address: c.address, taxId: c.taxId };
}

function listItems(db: Database, invoiceId: string) {
  return db
    .select()
    .from(invoiceItems)
    .where(eq(invoiceItems.invoiceId, invoiceId))
    .orderBy(asc(invoiceItems.position));
}

export type PayLinkInvoice = InvoiceDetail & {
  seller: {
    businessName: string;
    email: string;
    stripeAccountId: string | null;
    stripeConnectionStatus: "connected" | "disconnected" | null;
    stripeChargesEnabled: boolean;
  };
};

/**
 * The public pay-link lookup: not scoped by owner, because the token is the capability. Drafts and
 * void invoices are indistinguishable from unknown tokens.
 */
export async function getInvoiceByPayLinkToken(
  db: Database,
  token: string,
): Promise<PayLinkInvoice | undefined> {
  const [row] = await db
    .select({
      invoice: invoices,
      customer: customers,
      seller: {
        businessName: users.businessName,
        email: users.email,
        stripeAccountId: users.stripeAccountId,
        stripeConnectionStatus: users.stripeConnectionStatus,
        stripeChargesEnabled: users.stripeChargesEnabled,
      },
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .innerJoin(users, eq(users.id, invoices.userId))
    .where(and(eq(invoices.payToken, token), sql`${invoices.status} not in ('draft', 'void')`))
    .limit(1);
  if (!row) return undefined;
  const items = await listItems(db, row.invoice.id);
  return { ...row.invoice, items, customer: pickCustomer(row.customer), seller: row.seller };
}

export type InvoiceListRow = {
  id: string;
  number: string;
  status: InvoiceStatus;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  dueDate: string;
  issueDate: string;
  createdAt: Date;
  customerName: string;
};

export async function listInvoices(
  db: Database,
  params: { userId: string; status?: InvoiceStatus; customerId?: string; limit: number; offset: number },
): Promise<{ rows: InvoiceListRow[]; total: number }> {
  const conditions = [eq(invoices.userId, params.userId)];
  if (params.status) conditions.push(eq(invoices.status, params.status));
  if (params.customerId) conditions.push(eq(invoices.customerId, params.customerId));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: invoices.id,
        number: invoices.number,
        status: invoices.status,
        currency: invoices.currency,
        totalMinor: invoices.totalMinor,
        paidMinor: invoices.paidMinor,
        refundedMinor: invoices.refundedMinor,
        dueDate: invoices.dueDate,
        issueDate: invoices.issueDate,
        createdAt: invoices.createdAt,
        customerName: customers.name,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where)
      .orderBy(desc(invoices.sequence))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(invoices).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type OutstandingTotal = { currency: string; dueMinor: number; count: number };

/** Amount still due on open and partially paid invoices, per currency. */
export async function sumOutstanding(db: Database, userId: string): Promise<OutstandingTotal[]> {
  return db
    .select({
      currency: invoices.currency,
      dueMinor: sql<number>`coalesce(sum(${invoices.totalMinor} - ${invoices.paidMinor}), 0)`.mapWith(Number),
      count: count(),
    })
    .from(invoices)
    .where(and(eq(invoices.userId, userId), sql`${invoices.status} in ('open', 'partially_paid')`))
    .groupBy(invoices.currency)
    .orderBy(asc(invoices.currency));
}

/** The pay-link lookup that also locks the invoice row, serialising payment attempts on one invoice. */
export async function lockInvoiceByPayLinkToken(db: Database, token: string): Promise<Invoice | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.payToken, token), sql`${invoices.status} not in ('draft', 'void')`))
    .for("update")
    .limit(1);
  return row;
}

/** Locks an invoice for Stripe's callers (webhooks, the return page), which know it by id only. */
export async function lockInvoiceForStripe(db: Database, invoiceId: string): Promise<Invoice | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update").limit(1);
  return row;
}

/** Recomputes the denormalised paid and refunded sums from the payment and refund rows. */
export async function recomputeInvoiceSums(db: Database, invoiceId: string): Promise<Invoice> {
  const [row] = await db
    .update(invoices)
    .set({
      paidMinor: sql`(select coalesce(sum(p.amount_minor), 0) from payments p where p.invoice_id = ${invoiceId} and p.status = 'succeeded')`,
      refundedMinor: sql`(select coalesce(sum(r.amount_minor), 0) from refunds r where r.invoice_id = ${invoiceId} and r.status = 'succeeded')`,
    })
    .where(eq(invoices.id, invoiceId))
    .returning();
  if (!row) throw new Error("invoice vanished");
  return row;
}
