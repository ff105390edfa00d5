CREATE TABLE "outstanding_totals" (
	"user_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"slot" smallint NOT NULL,
	"due_minor" bigint DEFAULT 0 NOT NULL,
	"invoice_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "outstanding_totals_user_id_currency_slot_pk" PRIMARY KEY("user_id","currency","slot")
);
--> statement-breakpoint
DROP INDEX "invoices_outstanding_idx";--> statement-breakpoint
ALTER TABLE "outstanding_totals" ADD CONSTRAINT "outstanding_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here (drizzle-kit cannot express triggers): outstanding_totals is kept by triggers on
-- invoices, so every write path (the app, seeds, scripts, psql) keeps it exact without knowing it exists.
-- An invoice is outstanding while open or partially paid, and then adds (total − paid, 1) to its User's
-- row for its currency, in its slot. The slot is the low 4 bits of the id's last byte (random in a v4
-- uuid): one invoice always lands in one slot, so writing one invoice locks one totals row (two if its
-- currency changes), and one seller's concurrent payments on different invoices rarely queue on a row.
CREATE FUNCTION outstanding_slot(invoice_id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN get_byte(uuid_send(invoice_id), 15) % 16;
--> statement-breakpoint
CREATE TYPE outstanding_change AS (
  user_id uuid, currency text, slot smallint, due_minor bigint, invoice_count integer
);
--> statement-breakpoint
-- One function for the three statement triggers below: new rows add, old rows subtract, netted per
-- totals row. A statement that leaves what is outstanding alone (a refund recomputing a paid invoice's
-- sums, a note edited) nets to nothing and neither writes nor locks a totals row. Totals rows are locked
-- only here, after the statement has locked its invoice rows, and in key order, so two statements that
-- share totals rows take them in the same order and cannot deadlock on them.
CREATE FUNCTION outstanding_totals_apply() RETURNS trigger AS $$
DECLARE
  changes outstanding_change[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || array(
      SELECT row(n.user_id, n.currency, outstanding_slot(n.id), n.total_minor - n.paid_minor, 1)::outstanding_change
      FROM new_rows n WHERE n.status IN ('open', 'partially_paid'));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || array(
      SELECT row(o.user_id, o.currency, outstanding_slot(o.id), o.paid_minor - o.total_minor, -1)::outstanding_change
      FROM old_rows o WHERE o.status IN ('open', 'partially_paid'));
  END IF;
  INSERT INTO outstanding_totals AS t (user_id, currency, slot, due_minor, invoice_count)
  SELECT c.user_id, c.currency, c.slot, sum(c.due_minor), sum(c.invoice_count)
  FROM unnest(changes) c
  GROUP BY c.user_id, c.currency, c.slot
  HAVING sum(c.due_minor) <> 0 OR sum(c.invoice_count) <> 0
  ORDER BY c.user_id, c.currency, c.slot
  ON CONFLICT (user_id, currency, slot) DO UPDATE
    SET due_minor = t.due_minor + excluded.due_minor,
        invoice_count = t.invoice_count + excluded.invoice_count;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE fires no row or statement triggers of the kinds above; it leaves no invoice outstanding.
CREATE FUNCTION outstanding_totals_clear() RETURNS trigger AS $$
BEGIN
  DELETE FROM outstanding_totals;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER invoices_outstanding_insert AFTER INSERT ON invoices
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_apply();
--> statement-breakpoint
CREATE TRIGGER invoices_outstanding_update AFTER UPDATE ON invoices
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_apply();
--> statement-breakpoint
CREATE TRIGGER invoices_outstanding_delete AFTER DELETE ON invoices
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_apply();
--> statement-breakpoint
CREATE TRIGGER invoices_outstanding_truncate AFTER TRUNCATE ON invoices
  FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_clear();
--> statement-breakpoint
-- ALWAYS: these fire under session_replication_role = replica too, which bulk loads use to skip
-- foreign-key checks (bench/lib/seed-scale.ts); otherwise such a load would leave the totals wrong.
-- (A logical replica that also subscribes to outstanding_totals would count twice: publish invoices
-- without it.)
ALTER TABLE invoices ENABLE ALWAYS TRIGGER invoices_outstanding_insert;
--> statement-breakpoint
ALTER TABLE invoices ENABLE ALWAYS TRIGGER invoices_outstanding_update;
--> statement-breakpoint
ALTER TABLE invoices ENABLE ALWAYS TRIGGER invoices_outstanding_delete;
--> statement-breakpoint
ALTER TABLE invoices ENABLE ALWAYS TRIGGER invoices_outstanding_truncate;
--> statement-breakpoint
-- The invoices already there. After the triggers: the locks taken on invoices above (DROP INDEX, CREATE
-- TRIGGER) keep every writer out until this migration commits, so no write falls between the two.
INSERT INTO outstanding_totals (user_id, currency, slot, due_minor, invoice_count)
SELECT user_id, currency, outstanding_slot(id), sum(total_minor - paid_minor), count(*)
FROM invoices
WHERE status IN ('open', 'partially_paid')
GROUP BY user_id, currency, outstanding_slot(id);
