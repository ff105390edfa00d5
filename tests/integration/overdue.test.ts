import { describe, expect, it } from "vitest";
import { listInvoicesPage, sumOverdue } from "@/db/queries/invoices";
import { createInvoice, voidInvoice } from "@/lib/invoices/service";
import { addCustomer, createSellerWithAccount, oneLineInvoice, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Overdue is derived from the due date and the User's calendar day, never stored: the list's filter and
// the dashboard's count read the same rule (isOverdue in lib/invoices/status.ts).
const h = integrationHarness();

describe("overdue invoices", () => {
  it("are the open and partially paid invoices due before today, the User's own, counted per currency", async () => {
    const seller = await createSellerWithAccount(h.db, h.emulator);
    const user = seller.user;
    const due = (dueDate: string, currency = "gbp") => ({ issueDate: "2026-11-01", dueDate, currency });
    const late = await sentInvoice(h.db, user, due("2026-11-10"));
    const lateEur = await sentInvoice(h.db, user, due("2026-11-05", "eur"));
    await sentInvoice(h.db, user, due("2026-11-20")); // due "today": not overdue yet
    await sentInvoice(h.db, user, due("2026-12-01"));
    const customer = await addCustomer(h.db, user.id);
    await createInvoice(h.db, { userId: user.id }, oneLineInvoice(customer.id, {}, due("2026-11-02")));
    const voided = await sentInvoice(h.db, user, due("2026-11-03"));
    await voidInvoice(h.db, { userId: user.id, invoiceId: voided.invoiceId });
    // Another User's late invoice is never counted or listed.
    const other = await createSellerWithAccount(h.db, h.emulator);
    await sentInvoice(h.db, other.user, due("2026-11-01"));

    const today = "2026-11-20";
    const page = await listInvoicesPage(h.db, { userId: user.id, overdueBefore: today, limit: 25 });
    expect(page.rows.map((r) => r.id).sort()).toEqual([late.invoiceId, lateEur.invoiceId].sort());
    expect(await sumOverdue(h.db, { userId: user.id, today })).toEqual([
      { currency: "eur", count: 1, dueMinor: 12_000 },
      { currency: "gbp", count: 1, dueMinor: 12_000 },
    ]);
    // A day later the invoice due on the 20th is overdue too.
    expect(await sumOverdue(h.db, { userId: user.id, today: "2026-11-21" })).toContainEqual({
      currency: "gbp",
      count: 2,
      dueMinor: 24_000,
    });
  });
});
