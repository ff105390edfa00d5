import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type InvoicePage, listInvoicesPage, sumOutstanding } from "@/db/queries/invoices";
import { insertPayment, listPaymentsPage, type PaymentPage } from "@/db/queries/payments";
import type { User } from "@/db/schema";
import { createInvoice, sendInvoice } from "@/lib/invoices/service";
import { addCustomer, oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

const h = integrationHarness({ emulator: false });
let owner: User;
let other: User;
const invoiceIds: string[] = [];

async function invoiceFor(user: User, customerId: string) {
  const invoice = await createInvoice(h.db, { userId: user.id }, oneLineInvoice(customerId));
  return invoice.id;
}

beforeAll(async () => {
  owner = await h.user();
  other = await h.user();
  const customer = await addCustomer(h.db, owner.id, { name: "Paged", email: null });
  for (let i = 0; i < 7; i++) invoiceIds.push(await invoiceFor(owner, customer.id));
  // INV-0002, 0004 and 0006 are sent (open); the others stay drafts.
  for (const i of [1, 3, 5])
    await sendInvoice(h.db, { userId: owner.id, invoiceId: invoiceIds[i] as string });
  const theirs = await addCustomer(h.db, other.id, { name: "Not yours", email: null });
  await invoiceFor(other, theirs.id);
});

const numbers = (page: InvoicePage) => page.rows.map((r) => r.number);

describe("invoice pages by cursor", () => {
  it("walks older and back newer, newest first, each invoice once", async () => {
    const page = (cursor: { after?: number; before?: number }) =>
      listInvoicesPage(h.db, { userId: owner.id, limit: 3, ...cursor });
    const first = await page({});
    expect(numbers(first)).toEqual(["INV-0007", "INV-0006", "INV-0005"]);
    expect(first).toMatchObject({ newerCursor: null, olderCursor: 5 });
    const second = await page({ after: 5 });
    expect(numbers(second)).toEqual(["INV-0004", "INV-0003", "INV-0002"]);
    expect(second).toMatchObject({ newerCursor: 4, olderCursor: 2 });
    const last = await page({ after: 2 });
    expect(numbers(last)).toEqual(["INV-0001"]);
    expect(last).toMatchObject({ newerCursor: 1, olderCursor: null });
    expect(numbers(await page({ before: 1 }))).toEqual(numbers(second));
    // Back to the top: the first page, full, with no newer link.
    const top = await page({ before: 4 });
    expect(numbers(top)).toEqual(numbers(first));
    expect(top.newerCursor).toBeNull();
  });

  it("filters by status on the same cursors", async () => {
    const first = await listInvoicesPage(h.db, { userId: owner.id, status: "open", limit: 2 });
    expect(numbers(first)).toEqual(["INV-0006", "INV-0004"]);
    const next = await listInvoicesPage(h.db, {
      userId: owner.id,
      status: "open",
      limit: 2,
      after: first.olderCursor ?? 0,
    });
    expect(numbers(next)).toEqual(["INV-0002"]);
    expect(next.olderCursor).toBeNull();
  });

  it("shows the first page for a cursor past the end, and only the User's own invoices", async () => {
    const past = await listInvoicesPage(h.db, { userId: owner.id, limit: 3, after: 1 });
    expect(numbers(past)).toEqual(["INV-0007", "INV-0006", "INV-0005"]);
    const theirs = await listInvoicesPage(h.db, { userId: other.id, limit: 10 });
    expect(numbers(theirs)).toEqual(["INV-0001"]);
  });

  it("sums what is outstanding from the open invoices", async () => {
    expect(await sumOutstanding(h.db, owner.id)).toEqual([{ currency: "gbp", dueMinor: 30_000, count: 3 }]);
  });
});

describe("payment pages by cursor", () => {
  it("pages through payments that share a timestamp, each once, newest first", async () => {
    const user = await h.user();
    const customer = await addCustomer(h.db, user.id, { name: "Payer", email: null });
    const invoiceId = await invoiceFor(user, customer.id);
    // Five payments in the same microsecond (ordered by id among themselves), two clearly older.
    const same = new Date("2026-11-20T10:00:00.123Z");
    const times = [
      same,
      same,
      same,
      same,
      same,
      new Date("2026-11-19T10:00:00Z"),
      new Date("2026-11-18T10:00:00Z"),
    ];
    const expected: string[] = [];
    for (const createdAt of times) {
      const payment = await insertPayment(h.db, {
        userId: user.id,
        invoiceId,
        stripeAccountId: "acct_pages",
        stripePaymentIntentId: `pi_${randomUUID().replace(/-/g, "")}`,
        amountMinor: 1_000,
        currency: "gbp",
        createdAt,
      });
      expected.push(payment.id);
    }
    const newestFirst = [
      ...expected.slice(0, 5).sort((a, b) => (a < b ? 1 : -1)),
      expected[5] as string,
      expected[6] as string,
    ];
    const seen: string[] = [];
    const pages: PaymentPage[] = [];
    let after: string | undefined;
    do {
      const page = await listPaymentsPage(h.db, { userId: user.id, limit: 2, after });
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      after = page.olderCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(newestFirst);
    expect(pages[0]?.newerCursor).toBeNull();
    // And back: the page before the last is the third.
    const back = await listPaymentsPage(h.db, {
      userId: user.id,
      limit: 2,
      before: pages[3]?.newerCursor ?? "",
    });
    expect(back.rows.map((r) => r.id)).toEqual(pages[2]?.rows.map((r) => r.id));
    // Another User's payment id is not a cursor into this list: the first page.
    const foreign = await listPaymentsPage(h.db, { userId: other.id, limit: 2, after: expected[0] });
    expect(foreign.rows).toEqual([]);
  });
});
