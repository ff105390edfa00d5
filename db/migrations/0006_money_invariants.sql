ALTER TYPE "public"."email_kind" ADD VALUE 'payment_overpaid';--> statement-breakpoint
ALTER TYPE "public"."refund_origin" ADD VALUE 'overpayment';--> statement-breakpoint
-- Hand-written: an invoice's paid and refunded sums now count only money in its own currency (money in
-- any other currency is an overpayment, docs/decisions/0005-money-invariants.md). Recompute them for the
-- invoices already there, and the status the sums give; the outstanding_totals triggers follow.
UPDATE invoices i SET
  paid_minor = s.paid,
  refunded_minor = s.refunded,
  status = CASE
    WHEN i.status NOT IN ('open', 'partially_paid', 'paid') THEN i.status
    WHEN s.paid >= i.total_minor THEN 'paid'::invoice_status
    WHEN s.paid > 0 THEN 'partially_paid'::invoice_status
    ELSE 'open'::invoice_status
  END
FROM (
  SELECT inv.id,
    (SELECT coalesce(sum(p.amount_minor), 0) FROM payments p
      WHERE p.invoice_id = inv.id AND p.status = 'succeeded' AND p.currency = inv.currency) AS paid,
    (SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r
      WHERE r.invoice_id = inv.id AND r.status = 'succeeded' AND r.currency = inv.currency) AS refunded
  FROM invoices inv
) s
WHERE s.id = i.id AND (i.paid_minor <> s.paid OR i.refunded_minor <> s.refunded);
