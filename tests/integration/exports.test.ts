import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as exportInvoices } from "@/app/(dashboard)/invoices/export/route";
import { GET as exportPayments } from "@/app/(dashboard)/payments/export/route";
import { GET as exportRefunds } from "@/app/(dashboard)/refunds/export/route";
import { insertCustomer } from "@/db/queries/customers";
import { invoices, payments, type User, users } from "@/db/schema";
import { createInvoice } from "@/lib/invoices/service";
import { requestRefund } from "@/lib/refunds/request";
import { csvRecords } from "../support/csv";
import { oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// The CSV exports through their route handlers, as a browser download calls them: signed in or refused,
// the User's own rows only, amounts in minor units and as decimals per currency exponent, Stripe's ids,
// formula injection guarded, hostile text intact, and keyset pages that give every row exactly once.
const h = integrationHarness();

async function download(route: (request: Request) => Promise<Response>, query = ""): Promise<Response> {
  return route(new Request(`http://localhost/export${query}`));
}

async function records(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(
    /^attachment; filename="\w+-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  return csvRecords(await response.text());
}

const customer = (user: User, name: string, email: string | null = null) =>
  insertCustomer(h.db, { userId: user.id, name, email, phone: null, address: null, taxId: null });

describe("CSV exports", () => {
  it("refuse anyone signed out", async () => {
    signInAs(null);
    for (const route of [exportInvoices, exportPayments, () => exportRefunds()]) {
      const response = await download(route);
      expect(response.status).toBe(401);
    }
  });

  it("give a payment and its refund with Stripe's ids and both forms of each amount, the User's own only", async () => {
    const paid = await h.paidInvoice();
    const outcome = await requestRefund(h.db, {
      user: paid.user,
      input: { paymentId: paid.payment.id, amount: "20.50", reason: "duplicate", note: "=cmd|' /C calc'!A0" },
    });
    const stranger = await h.paidInvoice();
    signInAs(paid.user.id);

    const payments = await records(await download(() => exportPayments()));
    expect(payments).toEqual([
      expect.objectContaining({
        status: "succeeded",
        currency: "GBP",
        amount_minor: "12000",
        amount: "120.00",
        refunded_minor: "2050",
        refunded: "20.50",
        stripe_payment_intent_id: paid.paymentIntentId,
        stripe_charge_id: expect.stringMatching(/^ch_/),
        stripe_account_id: paid.accountId,
        payment_id: paid.payment.id,
        invoice_id: paid.invoiceId,
        card_last4: "4242",
      }),
    ]);
    expect(payments[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const refundRows = await records(await download(() => exportRefunds()));
    expect(refundRows).toEqual([
      expect.objectContaining({
        status: "succeeded",
        amount_minor: "2050",
        amount: "20.50",
        reason: "duplicate",
        note: "'=cmd|' /C calc'!A0",
        stripe_refund_id: outcome.refund.stripeRefundId,
        stripe_payment_intent_id: paid.paymentIntentId,
        refund_id: outcome.refund.id,
      }),
    ]);

    const invoiceRows = await records(await download(exportInvoices));
    expect(invoiceRows).toEqual([
      expect.objectContaining({
        invoice_id: paid.invoiceId,
        status: "Partially refunded",
        total_minor: "12000",
        total: "120.00",
        paid: "120.00",
        refunded: "20.50",
        amount_due: "0.00",
        stripe_payment_intent_ids: paid.paymentIntentId,
      }),
    ]);
    // Nothing of the other seller's, in any export.
    const everything = JSON.stringify([payments, refundRows, invoiceRows]);
    expect(everything).not.toContain(stranger.paymentIntentId);
    expect(everything).not.toContain(stranger.invoiceId);
  });

  it("guard formulas and keep hostile text intact, with each currency's decimals", async () => {
    const user = await h.user();
    const names = [
      '=HYPERLINK("http://evil.test","Click")',
      "+SUM(1,2)",
      "-2+3",
      "@SUM(A1:A2)",
      "\tTabbed",
      "\rReturned",
      'Quote " and, comma\nand line',
      "Zoë 😀 مرحبا \u202eevil\u202c",
      "x".repeat(50_000),
    ];
    const currencies = [
      { currency: "jpy", unit: 12_050, total: "12050" },
      { currency: "kwd", unit: 120_500, total: "120.500" },
      { currency: "gbp", unit: 12_050, total: "120.50" },
    ];
    for (const [i, name] of names.entries()) {
      const c = await customer(user, name, i === 0 ? "=evil@example.test" : null);
      const money = currencies[i % currencies.length] ?? currencies[0];
      if (!money) throw new Error("no currency");
      await createInvoice(
        h.db,
        { userId: user.id },
        oneLineInvoice(c.id, { currency: money.currency, unitAmountMinor: money.unit }),
      );
    }
    signInAs(user.id);
    const rows = await records(await download(exportInvoices));
    expect(rows.map((r) => r.customer_name)).toEqual(
      [...names].reverse().map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n)),
    );
    expect(rows.at(-1)?.customer_email).toBe("'=evil@example.test");
    for (const [i, row] of [...rows].reverse().entries()) {
      const money = currencies[i % currencies.length];
      expect(row.currency).toBe(money?.currency.toUpperCase());
      expect(row.total).toBe(money?.total);
      expect(row.total_minor).toBe(String(money?.unit));
    }
  });

  it("follow the list's filters, and page through thousands of rows each exactly once", async () => {
    const user = await h.user();
    const c = await customer(user, "Bulk Buyer");
    const other = await customer(user, "Someone Else");
    const count = 2_345; // past two export pages of 1,000
    await h.db.insert(invoices).values(
      Array.from({ length: count }, (_, i) => ({
        userId: user.id,
        customerId: i % 5 === 0 ? other.id : c.id,
        sequence: i + 1,
        number: `INV-${String(i + 1).padStart(4, "0")}`,
        status: "open" as const,
        currency: "gbp",
        issueDate: "2026-11-01",
        dueDate: "2026-11-30",
        subtotalMinor: 1_000 + i,
        totalMinor: 1_000 + i,
      })),
    );
    // As the app numbers them, so the invoice made below takes the next number.
    await h.db.update(users).set({ lastInvoiceSeq: count }).where(eq(users.id, user.id));
    signInAs(user.id);
    const all = await records(await download(exportInvoices));
    expect(all.map((r) => r.number)).toEqual(
      Array.from({ length: count }, (_, i) => `INV-${String(count - i).padStart(4, "0")}`),
    );
    const filtered = await records(await download(exportInvoices, "?q=bulk"));
    expect(filtered).toHaveLength(count - Math.ceil(count / 5));
    expect(new Set(filtered.map((r) => r.customer_name))).toEqual(new Set(["Bulk Buyer"]));

    // 1,010 payments in one microsecond: the page boundary falls inside the tie, which the keyset's id breaks.
    const invoiceId = (await createInvoice(h.db, { userId: user.id }, oneLineInvoice(c.id))).id;
    const same = new Date("2026-11-20T10:00:00.123Z");
    const inserted = await h.db
      .insert(payments)
      .values(
        Array.from({ length: 1_010 }, () => ({
          userId: user.id,
          invoiceId,
          stripeAccountId: "acct_export",
          stripePaymentIntentId: `pi_${randomUUID().replace(/-/g, "")}`,
          amountMinor: 100,
          currency: "gbp",
          status: "succeeded" as const,
          succeededAt: same,
          createdAt: same,
        })),
      )
      .returning({ id: payments.id });
    const exported = await records(await download(() => exportPayments()));
    expect(exported.map((p) => p.payment_id)).toEqual(
      inserted
        .map((p) => p.id)
        .sort()
        .reverse(),
    );
    // The refunds export of a User with none is the header alone.
    const none = await download(() => exportRefunds());
    expect(await records(none)).toEqual([]);
  });
});
