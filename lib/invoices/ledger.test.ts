import { describe, expect, it } from "vitest";
import { invoiceLedger, ledgerViolations, overpayments } from "./ledger";

const gbpInvoice = { currency: "gbp", totalMinor: 5_000, status: "paid" as const };
const paid = (id: string, amountMinor: number, currency = "gbp") => ({
  id,
  amountMinor,
  currency,
  status: "succeeded",
});

describe("invoiceLedger", () => {
  it("counts only the invoice's own currency as paid and shows the rest as overpayment", () => {
    const ledger = invoiceLedger(gbpInvoice, [paid("a", 12_000), paid("b", 12_000, "eur")], []);
    expect(ledger.paidMinor).toBe(12_000);
    expect(overpayments(ledger)).toEqual([
      expect.objectContaining({ currency: "gbp", excessMinor: 7_000 }),
      expect.objectContaining({ currency: "eur", excessMinor: 12_000, owedMinor: 0 }),
    ]);
  });

  it("takes refunds on their way off the excess, and failed ones not", () => {
    const refunds = [
      { paymentId: "a", currency: "gbp", amountMinor: 4_000, status: "pending" },
      { paymentId: "a", currency: "gbp", amountMinor: 3_000, status: "failed" },
    ];
    const ledger = invoiceLedger(gbpInvoice, [paid("a", 12_000)], refunds);
    expect(ledger.currencies[0]).toMatchObject({ returningMinor: 4_000, excessMinor: 3_000 });
  });

  it("owes nothing on a void invoice, so all of a late payment is excess", () => {
    const ledger = invoiceLedger({ ...gbpInvoice, status: "void" }, [paid("a", 5_000)], []);
    expect(ledger.currencies[0]).toMatchObject({ owedMinor: 0, excessMinor: 5_000 });
  });

  it("ignores payments that did not succeed", () => {
    const ledger = invoiceLedger(gbpInvoice, [{ ...paid("a", 9_000), status: "canceled" }], []);
    expect(ledger.paidMinor).toBe(0);
    expect(overpayments(ledger)).toEqual([]);
  });
});

describe("ledgerViolations", () => {
  const stored = { ...gbpInvoice, paidMinor: 12_000, refundedMinor: 0 };

  it("accepts a consistent overpaid invoice", () => {
    expect(ledgerViolations(stored, [paid("a", 12_000), paid("b", 100, "eur")], [])).toEqual([]);
  });

  it("refuses sums that add currencies together", () => {
    const problems = ledgerViolations(
      { ...stored, paidMinor: 12_100 },
      [paid("a", 12_000), paid("b", 100, "eur")],
      [],
    );
    expect(problems.join()).toMatch(/stored paid 12100/);
  });

  it("refuses refunds beyond a payment or in another currency", () => {
    const problems = ledgerViolations(
      stored,
      [paid("a", 12_000)],
      [
        { paymentId: "a", currency: "gbp", amountMinor: 10_000, status: "succeeded" },
        { paymentId: "a", currency: "eur", amountMinor: 3_000, status: "pending" },
      ],
    );
    expect(problems).toHaveLength(3);
  });

  it("refuses a status the paid sum does not give", () => {
    expect(ledgerViolations({ ...stored, status: "partially_paid" }, [paid("a", 12_000)], [])).toHaveLength(
      1,
    );
  });
});
