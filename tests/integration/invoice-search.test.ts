import { beforeAll, describe, expect, it } from "vitest";
import { insertCustomer } from "@/db/queries/customers";
import { type InvoicePage, listInvoicesPage } from "@/db/queries/invoices";
import type { User } from "@/db/schema";
import { filtersFromSearch, queryFilter } from "@/lib/invoices/search";
import { createInvoice, sendInvoice } from "@/lib/invoices/service";
import { oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// The invoice list's search and filters, read from the URL as the page reads them, against invoices in
// three currencies whose totals share digits, so an amount is only found in its own currency's minor
// units. Another User holds a look-alike of everything and must never appear.
const h = integrationHarness({ emulator: false });
const TODAY = "2026-11-20";
let owner: User;
const ids: Record<string, string> = {};

async function invoice(
  user: User,
  customerId: string,
  x: { currency: string; unit: number; issue: string; due: string; send?: boolean },
) {
  const created = await createInvoice(
    h.db,
    { userId: user.id },
    oneLineInvoice(
      customerId,
      { currency: x.currency, unitAmountMinor: x.unit },
      { issueDate: x.issue, dueDate: x.due },
    ),
  );
  if (x.send ?? true) await sendInvoice(h.db, { userId: user.id, invoiceId: created.id });
  return created.id;
}

const customer = (user: User, name: string, email: string | null) =>
  insertCustomer(h.db, { userId: user.id, name, email, phone: null, address: null, taxId: null });

beforeAll(async () => {
  owner = await h.user();
  const acme = await customer(owner, "Acme Ltd", "billing@acme.test");
  const zoe = await customer(owner, "Zoë Café", "zoe@cafe.test");
  const sale = await customer(owner, "50% Off_Shop", "sale@shop.test");
  // INV-0001 … INV-0005, in this order.
  ids.acmeGbp = await invoice(owner, acme.id, {
    currency: "gbp",
    unit: 12_050,
    issue: "2026-11-01",
    due: "2026-11-15",
  });
  ids.acmeJpy = await invoice(owner, acme.id, {
    currency: "jpy",
    unit: 12_050,
    issue: "2026-11-02",
    due: "2026-12-02",
  });
  ids.zoeKwd = await invoice(owner, zoe.id, {
    currency: "kwd",
    unit: 120_500,
    issue: "2026-11-03",
    due: "2026-11-10",
  });
  ids.zoeDraft = await invoice(owner, zoe.id, {
    currency: "gbp",
    unit: 9_999,
    issue: "2026-10-01",
    due: "2026-10-20",
    send: false,
  });
  ids.sale = await invoice(owner, sale.id, {
    currency: "gbp",
    unit: 120_500,
    issue: "2026-11-05",
    due: "2026-12-05",
  });
  // Someone else's look-alikes: same names, same amounts, same numbers.
  const other = await h.user();
  const theirAcme = await customer(other, "Acme Ltd", "billing@acme.test");
  await invoice(other, theirAcme.id, {
    currency: "gbp",
    unit: 12_050,
    issue: "2026-11-01",
    due: "2026-11-15",
  });
  await invoice(other, theirAcme.id, {
    currency: "kwd",
    unit: 120_500,
    issue: "2026-11-01",
    due: "2026-11-15",
  });
  await invoice(other, theirAcme.id, {
    currency: "gbp",
    unit: 120_500,
    issue: "2026-11-01",
    due: "2026-11-15",
  });
});

/** Every invoice the list finds for this URL, walking its pages (2 a page), newest first. */
async function find(search: Record<string, string>): Promise<string[]> {
  const filters = filtersFromSearch(search);
  expect(filters.problems).toEqual([]);
  const found: string[] = [];
  let after: number | undefined;
  let page: InvoicePage;
  do {
    page = await listInvoicesPage(h.db, {
      userId: owner.id,
      ...queryFilter(filters, TODAY),
      limit: 2,
      after,
    });
    found.push(...page.rows.map((r) => r.id));
    after = page.olderCursor ?? undefined;
  } while (after !== undefined);
  return found;
}

describe("invoice search", () => {
  it("finds by customer name or email, case-insensitively and in any script", async () => {
    expect(await find({ q: "acme" })).toEqual([ids.acmeJpy, ids.acmeGbp]);
    expect(await find({ q: "ACME.TEST" })).toEqual([ids.acmeJpy, ids.acmeGbp]);
    expect(await find({ q: "Zoë" })).toEqual([ids.zoeDraft, ids.zoeKwd]);
    expect(await find({ q: "café" })).toEqual([ids.zoeDraft, ids.zoeKwd]);
  });

  it("treats % and _ as the characters they are", async () => {
    expect(await find({ q: "50%" })).toEqual([ids.sale]);
    expect(await find({ q: "_" })).toEqual([ids.sale]);
    expect(await find({ q: "%" })).toEqual([ids.sale]);
  });

  it("finds an amount in each invoice currency's own minor units", async () => {
    // 120.50 is 12050 pence and 120500 fils; in yen it is nothing (no half yen), and £1,205.00 is not it.
    expect(await find({ q: "120.50" })).toEqual([ids.zoeKwd, ids.acmeGbp]);
    expect(await find({ q: "GBP 120.50" })).toEqual([ids.acmeGbp]);
    expect(await find({ q: "¥12,050" })).toEqual([ids.acmeJpy]);
    expect(await find({ q: "1205" })).toEqual([ids.sale]);
    expect(await find({ q: "99.99" })).toEqual([ids.zoeDraft]);
    expect(await find({ q: "99.999" })).toEqual([]);
  });

  it("finds an invoice by its number or its digits", async () => {
    expect(await find({ q: "INV-0003" })).toEqual([ids.zoeKwd]);
    expect(await find({ q: "inv-0003" })).toEqual([ids.zoeKwd]);
    expect(await find({ q: "3" })).toEqual([ids.zoeKwd]);
    expect(await find({ q: "XYZ-0003" })).toEqual([]);
  });
});

describe("invoice filters", () => {
  it("combine status, overdue and search on the same cursor pages", async () => {
    expect(await find({ q: "zoë", status: "draft" })).toEqual([ids.zoeDraft]);
    expect(await find({ q: "acme", status: "draft" })).toEqual([]);
    // Overdue on the User's day: awaiting payment and due before it.
    expect(await find({ status: "overdue" })).toEqual([ids.zoeKwd, ids.acmeGbp]);
    expect(await find({ status: "overdue", q: "acme" })).toEqual([ids.acmeGbp]);
  });

  it("take a date range on the issue or the due date, both ends included", async () => {
    expect(await find({ from: "2026-11-01" })).toEqual([ids.sale, ids.zoeKwd, ids.acmeJpy, ids.acmeGbp]);
    expect(await find({ from: "2026-11-02", to: "2026-11-03" })).toEqual([ids.zoeKwd, ids.acmeJpy]);
    expect(await find({ dates: "due", to: "2026-11-15" })).toEqual([ids.zoeDraft, ids.zoeKwd, ids.acmeGbp]);
    expect(await find({ dates: "due", from: "2026-12-01", q: "acme" })).toEqual([ids.acmeJpy]);
  });

  it("never show another User's invoices, whatever the filter", async () => {
    const all = new Set(Object.values(ids));
    for (const q of ["acme", "120.50", "1205", "1", "INV-0001", "billing@acme.test", ""]) {
      for (const id of await find(q ? { q } : {})) expect(all.has(id)).toBe(true);
    }
    expect(await find({})).toHaveLength(5);
  });
});
