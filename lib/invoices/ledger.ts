// The money invariants of an invoice (docs/decisions/0005-money-invariants.md), as one pure function of
// its payment and refund rows. The transaction that records money checks them (lib/invoices/settle.ts);
// the invoice page shows the overpayment they compute; the model-based tests compare them with Stripe's.
// Pure: no database, no server-only imports.

import { nextStatusAfterPayment } from "./status";

export type LedgerInvoice = {
  currency: string;
  totalMinor: number;
  status: "draft" | "open" | "partially_paid" | "paid" | "void";
};

export type LedgerPayment = {
  id: string;
  currency: string;
  amountMinor: number;
  status: string;
};

export type LedgerRefund = {
  paymentId: string;
  currency: string;
  amountMinor: number;
  status: string;
};

/** What one currency's money on an invoice adds up to. */
export type CurrencyLedger = {
  currency: string;
  /** Σ succeeded payments in this currency. */
  receivedMinor: number;
  /** Σ succeeded refunds. */
  refundedMinor: number;
  /** Σ refunds on their way (creating, pending, requires_action): already promised back. */
  returningMinor: number;
  /** What the invoice asks for in this currency: its total in its own currency (nothing once void). */
  owedMinor: number;
  /** Money held beyond what is owed, not yet on its way back: the overpayment the User can refund. */
  excessMinor: number;
};

export type InvoiceLedger = {
  /** Σ succeeded payments in the invoice's current currency: the only money that pays it. */
  paidMinor: number;
  /** Σ succeeded refunds in the invoice's current currency. */
  refundedMinor: number;
  /** One entry per currency any payment was made in, the invoice's own first. */
  currencies: CurrencyLedger[];
};

const IN_FLIGHT = new Set(["creating", "pending", "requires_action"]);

/** Refund statuses whose amount is gone, or going, back to the Customer. */
export function refundHoldsAmount(status: string): boolean {
  return status === "succeeded" || IN_FLIGHT.has(status);
}

function owedIn(invoice: LedgerInvoice, currency: string): number {
  if (invoice.status === "void" || invoice.status === "draft") return 0;
  return currency === invoice.currency ? invoice.totalMinor : 0;
}

export function invoiceLedger(
  invoice: LedgerInvoice,
  payments: readonly LedgerPayment[],
  refunds: readonly LedgerRefund[],
): InvoiceLedger {
  const byCurrency = new Map<string, CurrencyLedger>();
  const entry = (currency: string) => {
    let found = byCurrency.get(currency);
    if (!found) {
      found = {
        currency,
        receivedMinor: 0,
        refundedMinor: 0,
        returningMinor: 0,
        owedMinor: owedIn(invoice, currency),
        excessMinor: 0,
      };
      byCurrency.set(currency, found);
    }
    return found;
  };
  entry(invoice.currency);
  for (const p of payments) if (p.status === "succeeded") entry(p.currency).receivedMinor += p.amountMinor;
  for (const r of refunds) {
    if (r.status === "succeeded") entry(r.currency).refundedMinor += r.amountMinor;
    else if (IN_FLIGHT.has(r.status)) entry(r.currency).returningMinor += r.amountMinor;
  }
  for (const c of byCurrency.values()) {
    c.excessMinor = Math.max(0, c.receivedMinor - c.refundedMinor - c.returningMinor - c.owedMinor);
  }
  const own = entry(invoice.currency);
  const others = [...byCurrency.values()]
    .filter((c) => c.currency !== invoice.currency && (c.receivedMinor > 0 || c.refundedMinor > 0))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { paidMinor: own.receivedMinor, refundedMinor: own.refundedMinor, currencies: [own, ...others] };
}

/** The overpayments of an invoice: currencies with money held beyond what it asks for. */
export function overpayments(ledger: InvoiceLedger): CurrencyLedger[] {
  return ledger.currencies.filter((c) => c.excessMinor > 0);
}

/** The stored figures of an invoice that the ledger must agree with. */
export type StoredInvoiceMoney = LedgerInvoice & { paidMinor: number; refundedMinor: number };

/**
 * Every way the rows break the money invariants, in words (empty when they hold). Checked in the
 * transaction that records money, so a broken state is never committed.
 */
export function ledgerViolations(
  invoice: StoredInvoiceMoney,
  payments: readonly LedgerPayment[],
  refunds: readonly LedgerRefund[],
): string[] {
  const problems: string[] = [];
  const ledger = invoiceLedger(invoice, payments, refunds);
  if (invoice.paidMinor !== ledger.paidMinor) {
    problems.push(
      `stored paid ${invoice.paidMinor} is not the ${ledger.paidMinor} succeeded in ${invoice.currency}`,
    );
  }
  if (invoice.refundedMinor !== ledger.refundedMinor) {
    problems.push(
      `stored refunded ${invoice.refundedMinor} is not the ${ledger.refundedMinor} refunded in ${invoice.currency}`,
    );
  }
  const byId = new Map(payments.map((p) => [p.id, p]));
  const held = new Map<string, number>();
  for (const r of refunds) {
    const payment = byId.get(r.paymentId);
    if (!payment) {
      problems.push(`a refund names payment ${r.paymentId}, which is not on this invoice`);
      continue;
    }
    if (r.currency !== payment.currency) {
      problems.push(`a ${r.currency} refund of a ${payment.currency} payment ${payment.id}`);
    }
    if (refundHoldsAmount(r.status)) held.set(payment.id, (held.get(payment.id) ?? 0) + r.amountMinor);
  }
  for (const [paymentId, minor] of held) {
    const payment = byId.get(paymentId);
    const paid = payment?.status === "succeeded" ? payment.amountMinor : 0;
    if (minor > paid) problems.push(`payment ${paymentId} has ${minor} refunded of ${paid} paid`);
  }
  if (invoice.status === "open" || invoice.status === "partially_paid" || invoice.status === "paid") {
    const expected = nextStatusAfterPayment({ totalMinor: invoice.totalMinor, paidMinor: ledger.paidMinor });
    if (invoice.status !== expected) {
      problems.push(`status ${invoice.status} with ${ledger.paidMinor} paid of ${invoice.totalMinor}`);
    }
  }
  return problems;
}
