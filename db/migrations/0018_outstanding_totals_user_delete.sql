-- Custom SQL migration file, put your code below! --
-- Deleting a User deletes their invoices (ON DELETE CASCADE), and the invoices' statement trigger then
-- subtracted the open ones from the User's totals rows: an insert for a User no longer there, which
-- failed on outstanding_totals' foreign key and so refused the deletion. The totals rows go with the
-- User (cascade too), so there is nothing to count for them: skip changes of Users that no longer exist,
-- as collected_periods' trigger does (0016, 0017). The function is otherwise 0005's, restated whole so this
-- migration stands on its own.
CREATE OR REPLACE FUNCTION outstanding_totals_apply() RETURNS trigger AS $$
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
  -- A User being deleted takes their invoices and totals rows with them: nothing to count for them.
  WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id)
  GROUP BY c.user_id, c.currency, c.slot
  HAVING sum(c.due_minor) <> 0 OR sum(c.invoice_count) <> 0
  ORDER BY c.user_id, c.currency, c.slot
  ON CONFLICT (user_id, currency, slot) DO UPDATE
    SET due_minor = t.due_minor + excluded.due_minor,
        invoice_count = t.invoice_count + excluded.invoice_count;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
