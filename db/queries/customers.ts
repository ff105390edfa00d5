import "server-only";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { type Customer, customers, invoices } from "../schema";

export type CustomerFields = {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  taxId: string | null;
};

function escapeLike(term: string) {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCustomers(
  db: Database,
  params: { userId: string; search?: string; limit: number; offset: number },
) {
  const conditions = [eq(customers.userId, params.userId)];
  const term = params.search?.trim();
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    const match = or(ilike(customers.name, pattern), ilike(customers.email, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const invoiceCount = db.select({ n: count() }).from(invoices).where(eq(invoices.customerId, customers.id));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: customers.id,
        name: customers.name,
        email: customers.email,
        createdAt: customers.createdAt,
        invoiceCount: sql<number>`(${invoiceCount})`.mapWith(Number),
      })
      .from(customers)
      .where(where)
      .orderBy(asc(sql`lower(${customers.name})`), asc(customers.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function listCustomerOptions(db: Database, userId: string) {
  return db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(eq(customers.userId, userId))
    .orderBy(asc(sql`lower(${customers.name})`))
    .limit(1000);
}

export async function getCustomer(
  db: Database,
  params: { userId: string; customerId: string },
): Promise<Customer | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, params.customerId), eq(customers.userId, params.userId)))
    .limit(1);
  return row;
}

export async function insertCustomer(db: Database, params: { userId: string } & CustomerFields) {
  const [row] = await db.insert(customers).values(params).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateCustomerRow(
  db: Database,
  params: { userId: string; customerId: string } & CustomerFields,
): Promise<Customer | undefined> {
  const { userId, customerId, ...fields } = params;
  const [row] = await db
    .update(customers)
    .set(fields)
    .where(and(eq(customers.id, customerId), eq(customers.userId, userId)))
    .returning();
  return row;
}

export async function countInvoicesOfCustomer(db: Database, params: { userId: string; customerId: string }) {
  const [row] = await db
    .select({ n: count() })
    .from(invoices)
    .where(and(eq(invoices.customerId, params.customerId), eq(invoices.userId, params.userId)));
  return row?.n ?? 0;
}

export async function deleteCustomerRow(db: Database, params: { userId: string; customerId: string }) {
  const deleted = await db
    .delete(customers)
    .where(and(eq(customers.id, params.customerId), eq(customers.userId, params.userId)))
    .returning({ id: customers.id });
  return deleted.length > 0;
}
