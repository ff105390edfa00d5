import { randomUUID } from "node:crypto";
import { benchPasswordHash } from "./auth";
import type { Sql } from "./db";

export type Seller = { userId: string; customerId: string; email: string; accountId: string | null };

/** A User (password BENCH_PASSWORD), connected to `accountId` when given, with one customer. */
export async function insertSeller(
  sql: Sql,
  options: { email: string; businessName: string; accountId: string | null },
): Promise<Seller> {
  const userId = randomUUID();
  const customerId = randomUUID();
  const connected = options.accountId !== null;
  await sql.query(
    `insert into users (id, email, name, business_name, password_hash, stripe_account_id,
       stripe_connection_status, stripe_charges_enabled, stripe_details_submitted, stripe_country,
       stripe_default_currency, stripe_connected_at)
     values ($1, $2, 'Bench User', $3, $4, $5, $6, $7, $7, 'GB', 'gbp', now())`,
    [
      userId,
      options.email,
      options.businessName,
      await benchPasswordHash(),
      options.accountId,
      connected ? "connected" : null,
      connected,
    ],
  );
  await sql.query(
    `insert into customers (id, user_id, name, email) values ($1, $2, 'Bench Buyer', 'buyer@bench.test')`,
    [customerId, userId],
  );
  return { userId, customerId, email: options.email, accountId: options.accountId };
}

/**
 * `count` sent (open) invoices of £120.00 (one line, 20% tax) with pay links; with `intentIds`, one
 * per intent and a payment row carrying the intent's id, as if the Customer had opened the pay page.
 * Returns the pay tokens in sequence order.
 */
export async function insertOpenInvoices(
  sql: Sql,
  seller: Seller,
  options: { count: number; intentIds?: readonly string[] },
): Promise<string[]> {
  const keys = options.intentIds ?? Array.from({ length: options.count }, () => randomUUID());
  const rows = await sql.query<{ pay_token: string }>(
    `insert into invoices (user_id, customer_id, sequence, number, status, currency, issue_date, due_date,
       subtotal_minor, tax_minor, total_minor, pay_token, sent_at)
     select $2::uuid, $3::uuid, t.n, 'INV-' || lpad(t.n::text, 4, '0'), 'open', 'gbp', current_date, current_date + 30,
       10000, 2000, 12000, md5(t.k || $2::text), now()
     from json_array_elements_text($1::json) with ordinality as t(k, n)
     order by t.n
     returning pay_token`,
    [keys, seller.userId, seller.customerId],
  );
  await sql.query(
    `insert into invoice_items (invoice_id, position, description, quantity_milli, unit_amount_minor,
       tax_rate_bps, subtotal_minor, tax_minor, total_minor)
     select id, 1, 'Consulting', 1000, 10000, 2000, 10000, 2000, 12000 from invoices where user_id = $1`,
    [seller.userId],
  );
  await sql.query(`update users set last_invoice_seq = $2 where id = $1`, [seller.userId, keys.length]);
  if (options.intentIds) {
    await sql.query(
      `insert into payments (user_id, invoice_id, stripe_account_id, stripe_payment_intent_id, amount_minor, currency)
       select $2::uuid, i.id, $3::text, t.pi, 12000, 'gbp'
       from json_array_elements_text($1::json) with ordinality as t(pi, n)
       join invoices i on i.user_id = $2::uuid and i.sequence = t.n`,
      [options.intentIds, seller.userId, seller.accountId],
    );
  }
  return rows.map((r) => r.pay_token);
}
