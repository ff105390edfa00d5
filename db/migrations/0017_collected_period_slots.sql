ALTER TABLE "collected_periods" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "collected_periods" DROP CONSTRAINT "collected_periods_user_id_period_start_currency_pk";--> statement-breakpoint
ALTER TABLE "collected_periods" ADD CONSTRAINT "collected_periods_user_id_period_start_currency_slot_pk" PRIMARY KEY("user_id","period_start","currency","slot");--> statement-breakpoint
-- Hand-written from here: the triggers of 0016 write a period's row in the slot of the payment or refund
-- (outstanding_slot: the low 4 bits of its random v4 id), so one seller's payments in one quarter hour
-- no longer wait for each other's commits on a single row. The existing rows stay in slot 0: readers
-- sum every slot of a period, so the totals are unchanged.
ALTER TYPE collected_change ADD ATTRIBUTE slot smallint;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION collected_periods_write(changes collected_change[]) RETURNS void AS $$
  INSERT INTO collected_periods AS t (user_id, currency, period_start, slot, received_minor, refunded_minor,
    payment_count, refund_count)
  SELECT c.user_id, c.currency, c.period_start, c.slot, sum(c.received_minor), sum(c.refunded_minor),
    sum(c.payment_count), sum(c.refund_count)
  FROM unnest(changes) c
  -- A User being deleted takes their payments with them (ON DELETE CASCADE): nothing to count for them.
  WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id)
  GROUP BY c.user_id, c.period_start, c.currency, c.slot
  HAVING sum(c.received_minor) <> 0 OR sum(c.refunded_minor) <> 0 OR sum(c.payment_count) <> 0
    OR sum(c.refund_count) <> 0
  -- Key order, so statements sharing rows take their locks in one order and cannot deadlock on them.
  ORDER BY c.user_id, c.period_start, c.currency, c.slot
  ON CONFLICT (user_id, period_start, currency, slot) DO UPDATE
    SET received_minor = t.received_minor + excluded.received_minor,
        refunded_minor = t.refunded_minor + excluded.refunded_minor,
        payment_count = t.payment_count + excluded.payment_count,
        refund_count = t.refund_count + excluded.refund_count;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION collected_payments_apply() RETURNS trigger AS $$
DECLARE
  changes collected_change[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || array(
      SELECT row(n.user_id, n.currency, collected_period(n.succeeded_at), n.amount_minor, 0, 1, 0,
        outstanding_slot(n.id))::collected_change
      FROM new_rows n WHERE n.status = 'succeeded' AND n.succeeded_at IS NOT NULL);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || array(
      SELECT row(o.user_id, o.currency, collected_period(o.succeeded_at), -o.amount_minor, 0, -1, 0,
        outstanding_slot(o.id))::collected_change
      FROM old_rows o WHERE o.status = 'succeeded' AND o.succeeded_at IS NOT NULL);
  END IF;
  PERFORM collected_periods_write(changes);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION collected_refunds_apply() RETURNS trigger AS $$
DECLARE
  changes collected_change[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || array(
      SELECT row(n.user_id, n.currency, collected_period(n.created_at), 0, n.amount_minor, 0, 1,
        outstanding_slot(n.id))::collected_change
      FROM new_rows n WHERE n.status = 'succeeded');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || array(
      SELECT row(o.user_id, o.currency, collected_period(o.created_at), 0, -o.amount_minor, 0, -1,
        outstanding_slot(o.id))::collected_change
      FROM old_rows o WHERE o.status = 'succeeded');
  END IF;
  PERFORM collected_periods_write(changes);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
