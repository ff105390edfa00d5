import { randomUUID } from "node:crypto";
import { benchPasswordHash } from "./auth";
import type { Sql } from "./db";

// Seeding for the scale section, all in SQL with generate_series. Invoice `s` of a User gets a status
// from (s·37 mod 100): draft 10%, open 25%, partially paid 5%, paid 55%, void 5%; two line items; a
// succeeded payment when paid or partially paid; a refund of a quarter on one paid invoice in ten;
// audit rows for sending, paying and refunding. Sizes grow cumulatively: the next size adds to the last.
// Invoice `s` is issued at startsAt + s minutes, and startsAt is set so the User's newest invoice is six
// days old: the 100k User's history covers the last ~75 days, so the overview's "this month", "last 30
// days" and "overdue" figures are as full as they get (the smaller Users' history is all recent).

const CUSTOMERS_PER_USER = 50;

export type ScaleUser = { userId: string; accountId: string; seeded: number; startsAt?: Date };

export async function insertScaleUser(sql: Sql, email: string): Promise<ScaleUser> {
  const userId = randomUUID();
  const accountId = `acct_seed_${userId.replace(/-/g, "").slice(0, 16)}`;
  await sql.query(
    `insert into users (id, email, name, business_name, password_hash, stripe_account_id,
       stripe_connection_status, stripe_charges_enabled, stripe_details_submitted, stripe_country,
       stripe_default_currency, stripe_connected_at)
     values ($1, $2, 'Scale User', 'Scale Ltd', $3, $4, 'connected', true, true, 'GB', 'gbp', now())`,
    [userId, email, await benchPasswordHash(), accountId],
  );
  await sql.query(
    `insert into customers (user_id, name, email)
     select $1, 'Customer ' || lpad(c::text, 3, '0'), 'customer' || c || '@bench.test'
     from generate_series(1, $2::int) c`,
    [userId, CUSTOMERS_PER_USER],
  );
  return { userId, accountId, seeded: 0 };
}

/** Raises the User's invoices to `size` (sequences seeded+1 … size), with items, payments, refunds, audit. */
export async function growInvoices(sql: Sql, user: ScaleUser, size: number) {
  if (size <= user.seeded) return;
  user.startsAt ??= new Date(Date.now() - (size + 6 * 24 * 60) * 60_000);
  const params = [user.userId, user.seeded + 1, size];
  const range = `i.user_id = $1 and i.sequence between $2 and $3`;
  await sql.query(
    `with cs as (select array_agg(id order by name) ids from customers where user_id = $1),
     g as (
       select s, (s * 37) % 100 b, 5 * (200 + (s * 7919) % 10000) unit,
         $4::timestamptz + s * interval '1 minute' at_
       from generate_series($2::int, $3::int) s
     ),
     v as (
       select g.*, case when b < 10 then 'draft' when b < 35 then 'open' when b < 40 then 'partially_paid'
         when b < 95 then 'paid' else 'void' end::invoice_status status,
         unit + 5000 + unit / 5 total
       from g
     )
     insert into invoices (user_id, customer_id, sequence, number, status, currency, issue_date, due_date,
       subtotal_minor, tax_minor, total_minor, paid_minor, refunded_minor, pay_token, sent_at, paid_at,
       voided_at, created_at, updated_at)
     select $1, cs.ids[1 + s % array_length(cs.ids, 1)], s, 'INV-' || lpad(s::text, 4, '0'), status,
       case when s % 10 = 3 then 'usd' else 'gbp' end, at_::date, at_::date + 30,
       unit + 5000, unit / 5, total,
       case status when 'paid' then total when 'partially_paid' then total / 2 else 0 end,
       case when status = 'paid' and s % 10 = 7 then total / 4 else 0 end,
       case when status <> 'draft' then md5($1::text || ':' || s) end,
       case when status <> 'draft' then at_ + interval '1 hour' end,
       case when status = 'paid' then at_ + interval '2 days' end,
       case when status = 'void' then at_ + interval '1 day' end,
       at_, at_
     from v, cs`,
    [...params, user.startsAt.toISOString()],
  );
  await sql.query(
    `insert into invoice_items (invoice_id, position, description, quantity_milli, unit_amount_minor,
       tax_rate_bps, subtotal_minor, tax_minor, total_minor, created_at, updated_at)
     select i.id, p, case p when 1 then 'Design work' else 'Hosting' end, case p when 1 then 1000 else 2000 end,
       case p when 1 then i.subtotal_minor - 5000 else 2500 end, case p when 1 then 2000 end,
       case p when 1 then i.subtotal_minor - 5000 else 5000 end, case p when 1 then i.tax_minor else 0 end,
       case p when 1 then i.subtotal_minor - 5000 + i.tax_minor else 5000 end, i.created_at, i.created_at
     from invoices i cross join generate_series(1, 2) p where ${range}`,
    params,
  );
  await sql.query(
    `insert into payments (user_id, invoice_id, stripe_account_id, stripe_payment_intent_id, stripe_charge_id,
       amount_minor, currency, status, card_brand, card_last4, succeeded_at, created_at, updated_at)
     select $1, i.id, $4, 'pi_seed_' || replace(i.id::text, '-', ''), 'ch_seed_' || replace(i.id::text, '-', ''),
       i.paid_minor, i.currency, 'succeeded', 'visa', '4242', i.created_at + interval '2 days',
       i.created_at + interval '2 days', i.created_at + interval '2 days'
     from invoices i where ${range} and i.status in ('paid', 'partially_paid')`,
    [...params, user.accountId],
  );
  await sql.query(
    `insert into refunds (user_id, payment_id, invoice_id, stripe_refund_id, amount_minor, currency, reason,
       status, origin, created_at, updated_at)
     select $1, p.id, i.id, 're_seed_' || replace(i.id::text, '-', ''), i.refunded_minor, i.currency,
       'requested_by_customer', 'succeeded', 'app', i.created_at + interval '5 days', i.created_at + interval '5 days'
     from invoices i join payments p on p.invoice_id = i.id where ${range} and i.refunded_minor > 0`,
    params,
  );
  await sql.query(
    `insert into audit_log (user_id, invoice_id, actor, action, amount_minor, currency, created_at)
     select $1, i.id, 'user'::audit_actor, 'invoice.sent', i.total_minor, i.currency, i.sent_at
     from invoices i where ${range} and i.sent_at is not null
     union all
     select $1, i.id, 'stripe'::audit_actor, 'payment.succeeded', i.paid_minor, i.currency, i.created_at + interval '2 days'
     from invoices i where ${range} and i.paid_minor > 0
     union all
     select $1, i.id, 'user'::audit_actor, 'refund.succeeded', i.refunded_minor, i.currency, i.created_at + interval '5 days'
     from invoices i where ${range} and i.refunded_minor > 0`,
    params,
  );
  await sql.query(`update users set last_invoice_seq = $2 where id = $1`, [user.userId, size]);
  user.seeded = size;
}

/** Skips foreign-key and trigger checks while seeding when the role may (a superuser); a no-op otherwise. */
export async function fastSeeding(sql: Sql): Promise<boolean> {
  try {
    await sql.exec("set session_replication_role = replica");
    return true;
  } catch {
    return false;
  }
}

/** Statistics and the visibility map, as autovacuum would leave them on a live database. */
export async function vacuumAnalyze(sql: Sql) {
  await sql.exec("vacuum analyze");
}

/** Invoices of the measured User to open (paid ones with a refund, spread over the range). */
export async function sampleInvoices(sql: Sql, user: ScaleUser, count: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select id from invoices where user_id = $1 and refunded_minor > 0
     order by md5(id::text) limit $2`,
    [user.userId, count],
  );
  return rows.map((r) => r.id);
}
