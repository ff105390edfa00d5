CREATE TABLE "collected_periods" (
	"user_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"received_minor" bigint DEFAULT 0 NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"payment_count" integer DEFAULT 0 NOT NULL,
	"refund_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "collected_periods_user_id_period_start_currency_pk" PRIMARY KEY("user_id","period_start","currency")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "checklist_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "collected_periods" ADD CONSTRAINT "collected_periods_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_user_id_total_minor_idx" ON "invoices" USING btree ("user_id","total_minor");--> statement-breakpoint
CREATE INDEX "invoices_user_id_issue_date_idx" ON "invoices" USING btree ("user_id","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_user_id_due_date_idx" ON "invoices" USING btree ("user_id","due_date");--> statement-breakpoint
CREATE INDEX "invoices_overdue_idx" ON "invoices" USING btree ("user_id","due_date","currency","total_minor","paid_minor") WHERE "invoices"."status" in ('open', 'partially_paid');--> statement-breakpoint
-- Hand-written from here (drizzle-kit cannot express triggers): collected_periods is kept by statement
-- triggers on payments and refunds, as outstanding_totals is on invoices (0005), so every write path keeps
-- it exact. A payment adds its amount to its quarter hour of succeeded_at while it is succeeded; a refund
-- adds to its quarter hour of created_at while it is succeeded. New rows add, old rows subtract, netted per
-- period row: a statement that changes nothing collected (a card's brand stored) writes no period row.
-- Period rows are written in key order, so statements sharing them take their locks in one order.
CREATE FUNCTION collected_period(at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00');
--> statement-breakpoint
CREATE TYPE collected_change AS (
  user_id uuid, currency text, period_start timestamptz, received_minor bigint, refunded_minor bigint,
  payment_count integer, refund_count integer
);
--> statement-breakpoint
CREATE FUNCTION collected_periods_write(changes collected_change[]) RETURNS void AS $$
  INSERT INTO collected_periods AS t (user_id, currency, period_start, received_minor, refunded_minor,
    payment_count, refund_count)
  SELECT c.user_id, c.currency, c.period_start, sum(c.received_minor), sum(c.refunded_minor),
    sum(c.payment_count), sum(c.refund_count)
  FROM unnest(changes) c
  -- A User being deleted takes their payments with them (ON DELETE CASCADE): nothing to count for them.
  WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id)
  GROUP BY c.user_id, c.period_start, c.currency
  HAVING sum(c.received_minor) <> 0 OR sum(c.refunded_minor) <> 0 OR sum(c.payment_count) <> 0
    OR sum(c.refund_count) <> 0
  ORDER BY c.user_id, c.period_start, c.currency
  ON CONFLICT (user_id, period_start, currency) DO UPDATE
    SET received_minor = t.received_minor + excluded.received_minor,
        refunded_minor = t.refunded_minor + excluded.refunded_minor,
        payment_count = t.payment_count + excluded.payment_count,
        refund_count = t.refund_count + excluded.refund_count;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE FUNCTION collected_payments_apply() RETURNS trigger AS $$
DECLARE
  changes collected_change[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || array(
      SELECT row(n.user_id, n.currency, collected_period(n.succeeded_at), n.amount_minor, 0, 1, 0)::collected_change
      FROM new_rows n WHERE n.status = 'succeeded' AND n.succeeded_at IS NOT NULL);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || array(
      SELECT row(o.user_id, o.currency, collected_period(o.succeeded_at), -o.amount_minor, 0, -1, 0)::collected_change
      FROM old_rows o WHERE o.status = 'succeeded' AND o.succeeded_at IS NOT NULL);
  END IF;
  PERFORM collected_periods_write(changes);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION collected_refunds_apply() RETURNS trigger AS $$
DECLARE
  changes collected_change[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || array(
      SELECT row(n.user_id, n.currency, collected_period(n.created_at), 0, n.amount_minor, 0, 1)::collected_change
      FROM new_rows n WHERE n.status = 'succeeded');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || array(
      SELECT row(o.user_id, o.currency, collected_period(o.created_at), 0, -o.amount_minor, 0, -1)::collected_change
      FROM old_rows o WHERE o.status = 'succeeded');
  END IF;
  PERFORM collected_periods_write(changes);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE fires none of the triggers above; with no payments or refunds left nothing was collected.
CREATE FUNCTION collected_periods_clear() RETURNS trigger AS $$
BEGIN
  DELETE FROM collected_periods;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payments_collected_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_payments_apply();
--> statement-breakpoint
CREATE TRIGGER payments_collected_update AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_payments_apply();
--> statement-breakpoint
CREATE TRIGGER payments_collected_delete AFTER DELETE ON payments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_payments_apply();
--> statement-breakpoint
CREATE TRIGGER payments_collected_truncate AFTER TRUNCATE ON payments
  FOR EACH STATEMENT EXECUTE FUNCTION collected_periods_clear();
--> statement-breakpoint
CREATE TRIGGER refunds_collected_insert AFTER INSERT ON refunds
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_refunds_apply();
--> statement-breakpoint
CREATE TRIGGER refunds_collected_update AFTER UPDATE ON refunds
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_refunds_apply();
--> statement-breakpoint
CREATE TRIGGER refunds_collected_delete AFTER DELETE ON refunds
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION collected_refunds_apply();
--> statement-breakpoint
CREATE TRIGGER refunds_collected_truncate AFTER TRUNCATE ON refunds
  FOR EACH STATEMENT EXECUTE FUNCTION collected_periods_clear();
--> statement-breakpoint
-- ALWAYS: bulk loads under session_replication_role = replica (bench/lib/seed-scale.ts) keep them too.
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_collected_insert;
--> statement-breakpoint
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_collected_update;
--> statement-breakpoint
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_collected_delete;
--> statement-breakpoint
ALTER TABLE payments ENABLE ALWAYS TRIGGER payments_collected_truncate;
--> statement-breakpoint
ALTER TABLE refunds ENABLE ALWAYS TRIGGER refunds_collected_insert;
--> statement-breakpoint
ALTER TABLE refunds ENABLE ALWAYS TRIGGER refunds_collected_update;
--> statement-breakpoint
ALTER TABLE refunds ENABLE ALWAYS TRIGGER refunds_collected_delete;
--> statement-breakpoint
ALTER TABLE refunds ENABLE ALWAYS TRIGGER refunds_collected_truncate;
--> statement-breakpoint
-- What is already there. After the triggers: CREATE TRIGGER's locks keep writers out until this commits.
SELECT collected_periods_write(array(
  SELECT row(user_id, currency, collected_period(succeeded_at), amount_minor, 0, 1, 0)::collected_change
  FROM payments WHERE status = 'succeeded' AND succeeded_at IS NOT NULL
  UNION ALL
  SELECT row(user_id, currency, collected_period(created_at), 0, amount_minor, 0, 1)::collected_change
  FROM refunds WHERE status = 'succeeded'
));
