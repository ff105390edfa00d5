import "server-only";
import { and, asc, count, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  customers,
  disputes,
  type Invoice,
  type InvoiceItem,
  invoiceItems,
  invoices,
  type NewInvoice,
  type NewInvoiceItem,
  outstandingTotals,
  users,
} from "../schema";
import type { InvoiceStatus } from "../schema/enums";
import { type InvoiceSearchFilter, searchConditions, withCustomerIds } from "./invoice-filters";

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
  // No sign-in email: anyone holding the link sees this; the business name is how the seller is shown.
  seller: {
    businessName: string;
    stripeAccountId: string | null;
    stripeConnectionStatus: "connected" | "disconnected" | null;
    stripeChargesEnabled: boolean;
    stripeCardPayments: string | null;
    /** The connected account's settlement currency: it sets Stripe's minimum charge. */
    stripeDefaultCurrency: string | null;
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
        stripeAccountId: users.stripeAccountId,
        stripeConnectionStatus: users.stripeConnectionStatus,
        stripeChargesEnabled: users.stripeChargesEnabled,
        stripeCardPayments: users.stripeCardPayments,
        stripeDefaultCurrency: users.stripeDefaultCurrency,
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

/**
 * A pay link whose invoice was voided: not scoped by owner (the token is the capability), and only what
 * the Customer needs to be told so and whom to contact; never the invoice's lines or amounts.
 */
export async function getVoidedInvoiceByPayLinkToken(db: Database, token: string) {
  const [row] = await db
    .select({ number: invoices.number, userId: invoices.userId, businessName: users.businessName })
    .from(invoices)
    .innerJoin(users, eq(users.id, invoices.userId))
    .where(and(eq(invoices.payToken, token), eq(invoices.status, "void")))
    .limit(1);
  return row;
}

export type InvoiceListRow = {
  id: string;
  sequence: number;
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
  /** Any dispute on any of its payments, open or closed: the "disputed" flag shown beside the status. */
  disputed: boolean;
};

/**
 * `overdueBefore` (the calendar day in the User's time zone) keeps the invoices awaiting payment whose due
 * date is before it: the "Overdue" filter (isOverdue in lib/invoices/status.ts is the same rule).
 */
export type ListFilter = {
  userId: string;
  status?: InvoiceStatus;
  customerId?: string;
  overdueBefore?: string;
} & InvoiceSearchFilter;

const listColumns = {
  id: invoices.id,
  sequence: invoices.sequence,
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
  // One probe of disputes_invoice_id_idx per listed row.
  disputed:
    sql<boolean>`exists (select 1 from ${disputes} where ${disputes.invoiceId} = ${invoices.id})`.mapWith(
      Boolean,
    ),
};

export function listConditions(params: ListFilter) {
  const conditions = [eq(invoices.userId, params.userId)];
  if (params.status) conditions.push(eq(invoices.status, params.status));
  if (params.customerId) conditions.push(eq(invoices.customerId, params.customerId));
  if (params.overdueBefore !== undefined) {
    conditions.push(inArray(invoices.status, ["open", "partially_paid"]));
    conditions.push(lt(invoices.dueDate, params.overdueBefore));
  }
  conditions.push(...searchConditions(params.userId, params));
  return conditions;
}

/**
 * Newest first (or, `oldestFirst`, the reverse), spelled the way the index that serves the filter holds
 * `sequence`: the unique (user_id, sequence) read backwards gives DESC NULLS FIRST, (user_id, status,
 * sequence DESC) gives DESC NULLS LAST. The column is NOT NULL, so both orders are the same rows, but
 * PostgreSQL only reads a page straight from an index whose order matches exactly; otherwise it sorts
 * every matching row first.
 */
export function sequenceOrder(status: InvoiceStatus | undefined, oldestFirst = false) {
  if (status) {
    return oldestFirst
      ? sql`${invoices.sequence} asc nulls first`
      : sql`${invoices.sequence} desc nulls last`;
  }
  return oldestFirst ? asc(invoices.sequence) : desc(invoices.sequence);
}

/**
 * A page of invoices by offset, with the exact number of matching invoices. Both cost as much as the
 * offset and the count: for short lists (one customer's invoices); the invoice list uses listInvoicesPage.
 */
export async function listInvoices(
  db: Database,
  filter: ListFilter & { limit: number; offset: number },
): Promise<{ rows: InvoiceListRow[]; total: number }> {
  const params = await withCustomerIds(db, filter);
  const where = and(...listConditions(params));
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where)
      .orderBy(sequenceOrder(params.status))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(invoices).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type InvoicePage = {
  rows: InvoiceListRow[];
  /** Pass as `before` for the page of newer invoices; null on the newest page. */
  newerCursor: number | null;
  /** Pass as `after` for the page of older invoices; null on the oldest page. */
  olderCursor: number | null;
};

/**
 * One page of a User's invoices, newest first, by keyset on the per-User sequence: `after` gives the
 * invoices older than that sequence, `before` the newer ones. A page reads `limit + 1` index entries
 * however deep it is, and nothing counts the whole list, so it costs the same at 100 or 100,000 invoices.
 */
export async function listInvoicesPage(
  db: Database,
  filter: ListFilter & { limit: number; after?: number; before?: number },
): Promise<InvoicePage> {
  const params = await withCustomerIds(db, filter);
  const { after, before } = params;
  const backwards = after === undefined && before !== undefined;
  const conditions = listConditions(params);
  if (after !== undefined) conditions.push(lt(invoices.sequence, after));
  else if (before !== undefined) conditions.push(gt(invoices.sequence, before));
  const rows = await db
    .select(listColumns)
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions))
    .orderBy(sequenceOrder(params.status, backwards))
    .limit(params.limit + 1);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  const firstPage = () => listInvoicesPage(db, { ...params, after: undefined, before: undefined });
  if (backwards) {
    // Back at the newest invoices: show the first page, full, rather than a short one.
    if (!more) return firstPage();
    page.reverse();
    return { rows: page, newerCursor: page[0]?.sequence ?? null, olderCursor: page.at(-1)?.sequence ?? null };
  }
  // A cursor past the end (an old link, a hand-edited URL) shows the first page rather than nothing.
  if (after !== undefined && page.length === 0) return firstPage();
  return {
    rows: page,
    newerCursor: after === undefined ? null : (page[0]?.sequence ?? null),
    olderCursor: more ? (page.at(-1)?.sequence ?? null) : null,
  };
}

export type OutstandingTotal = { currency: string; dueMinor: number; count: number };

/**
 * Amount still due (total − paid) on open and partially paid invoices, per currency. Read from
 * outstanding_totals, which triggers on invoices keep exact (migration 0005): a few rows per currency
 * however many invoices the User has. A currency whose invoices are all settled keeps its rows at zero.
 */
export async function sumOutstanding(db: Database, userId: string): Promise<OutstandingTotal[]> {
  const invoiceCount = sql<number>`sum(${outstandingTotals.invoiceCount})`.mapWith(Number);
  return db
    .select({
      currency: outstandingTotals.currency,
      dueMinor: sql<number>`sum(${outstandingTotals.dueMinor})`.mapWith(Number),
      count: invoiceCount,
    })
    .from(outstandingTotals)
    .where(eq(outstandingTotals.userId, userId))
    .groupBy(outstandingTotals.currency)
    .having(gt(invoiceCount, 0))
    .orderBy(asc(outstandingTotals.currency));
}

/**
 * Invoices awaiting payment whose due date is before `today` (the User's calendar day), per currency: how
 * many and how much is still due. Reads only the User's open and partially paid invoices (the partial
 * index invoices_outstanding_idx), never their settled history.
 */
export async function sumOverdue(
  db: Database,
  params: { userId: string; today: string },
): Promise<OutstandingTotal[]> {
  return db
    .select({
      currency: invoices.currency,
      dueMinor: sql<number>`coalesce(sum(${invoices.totalMinor} - ${invoices.paidMinor}), 0)`.mapWith(Number),
      count: count().mapWith(Number),
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.userId, params.userId),
        inArray(invoices.status, ["open", "partially_paid"]),
        lt(invoices.dueDate, params.today),
      ),
    )
    .groupBy(invoices.currency)
    .orderBy(asc(invoices.currency));
}

/**
 * The pay-link lookup that also locks the invoice row, serialising payment attempts on one invoice. A
 * void invoice is returned too, so a tab left open on it can be told it was voided.
 */
export async function lockInvoiceByPayLinkToken(db: Database, token: string): Promise<Invoice | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.payToken, token), sql`${invoices.status} <> 'draft'`))
    .for("update")
    .limit(1);
  return row;
}

/** Locks an invoice for Stripe's callers (webhooks, the return page), which know it by id only. */
export async function lockInvoiceForStripe(
  db: Database,
  params: { invoiceId: string },
): Promise<Invoice | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(eq(invoices.id, params.invoiceId))
    .for("update")
    .limit(1);
  return row;
}
