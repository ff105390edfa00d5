import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCustomerAction } from "@/app/(dashboard)/customers/actions";
import {
  createInvoiceAction,
  sendInvoiceAction,
  updateInvoiceAction,
  voidInvoiceAction,
} from "@/app/(dashboard)/invoices/actions";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice, getInvoiceByPayLinkToken, listInvoices, sumOutstanding } from "@/db/queries/invoices";
import { invoices, type User } from "@/db/schema";
import { threeItemInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ emulator: false });
let alice: User;
let bob: User;
let aliceCustomer: string;

beforeAll(async () => {
  alice = await h.user({ businessName: "Alice Studio" });
  bob = await h.user();
  signInAs(alice.id);
  const customer = await createCustomerAction({ name: "Acme", email: "ap@acme.test" });
  if (!customer.ok) throw new Error(customer.error.message);
  aliceCustomer = customer.data.id;
});
beforeEach(() => signInAs(alice.id));

async function newInvoice(overrides: Record<string, unknown> = {}) {
  const result = await createInvoiceAction({ ...threeItemInvoice(aliceCustomer), ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

describe("creating and editing invoices", () => {
  it("stores items and integer totals rounded per line", async () => {
    const { id, number } = await newInvoice();
    expect(number).toMatch(/^INV-\d{4,}$/);
    const invoice = await getInvoice(h.db, { userId: alice.id, invoiceId: id });
    expect(invoice).toMatchObject({
      status: "draft",
      currency: "gbp",
      subtotalMinor: 7502,
      taxMinor: 301,
      totalMinor: 7803,
    });
    expect(
      invoice?.items.map((i) => [i.description, i.quantityMilli, i.unitAmountMinor, i.totalMinor]),
    ).toEqual([
      ["Design", 3000, 1999, 5997],
      ["Hosting", 1500, 1000, 1800],
      ["Domain", 1000, 5, 6],
    ]);
    expect(invoice?.payToken).toBeNull();
  });

  it("honours the currency's decimals", async () => {
    const jpy = await newInvoice({
      currency: "JPY",
      items: [{ description: "Tea", quantity: "2", unitPrice: "1500", taxRate: "10" }],
    });
    expect((await getInvoice(h.db, { userId: alice.id, invoiceId: jpy.id }))?.totalMinor).toBe(3300);
    const kwd = await newInvoice({
      currency: "kwd",
      items: [{ description: "Dates", quantity: "1", unitPrice: "1.234", taxRate: "" }],
    });
    // The line keeps its three decimals; the total is rounded to the step Stripe charges KWD in.
    expect(await getInvoice(h.db, { userId: alice.id, invoiceId: kwd.id })).toMatchObject({
      subtotalMinor: 1234,
      totalMinor: 1230,
    });
    const bad = await createInvoiceAction({
      ...threeItemInvoice(aliceCustomer),
      items: [{ description: "Pennies", quantity: "1", unitPrice: "1.234", taxRate: "" }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fieldErrors?.["items.0.unitPrice"]?.[0]).toMatch(/2 decimal/);
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const before = await listInvoices(h.db, { userId: alice.id, limit: 1, offset: 0 });
    const result = await createInvoiceAction({
      customerId: aliceCustomer,
      currency: "xyz",
      issueDate: "2026-11-10",
      dueDate: "2026-11-01",
      items: [{ description: "", quantity: "abc", unitPrice: "-3", taxRate: "150" }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["currency", "items.0.description"]),
    );
    const everything = await createInvoiceAction({
      ...threeItemInvoice(aliceCustomer),
      customerId: "",
      items: [{ description: "", quantity: "abc", unitPrice: "1.234", taxRate: "150" }],
    });
    expect(everything.ok).toBe(false);
    if (!everything.ok) {
      expect(Object.keys(everything.error.fieldErrors ?? {}).sort()).toEqual([
        "customerId",
        "items.0.description",
        "items.0.quantity",
        "items.0.taxRate",
        "items.0.unitPrice",
      ]);
    }
    const noItems = await createInvoiceAction({ ...threeItemInvoice(aliceCustomer), items: [] });
    expect(noItems.ok).toBe(false);
    if (!noItems.ok) expect(noItems.error.fieldErrors?.items?.[0]).toMatch(/at least one/);
    const after = await listInvoices(h.db, { userId: alice.id, limit: 1, offset: 0 });
    expect(after.total).toBe(before.total);
  });

  it("edits a draft and an open unpaid invoice, recording history", async () => {
    const { id } = await newInvoice();
    const edited = await updateInvoiceAction({
      invoiceId: id,
      ...threeItemInvoice(aliceCustomer),
      items: [{ description: "One thing", quantity: "1", unitPrice: "100", taxRate: "" }],
    });
    expect(edited.ok).toBe(true);
    expect((await getInvoice(h.db, { userId: alice.id, invoiceId: id }))?.totalMinor).toBe(10000);
    expect(await sendInvoiceAction({ invoiceId: id })).toMatchObject({ ok: true });
    const again = await updateInvoiceAction({
      invoiceId: id,
      ...threeItemInvoice(aliceCustomer),
      items: [{ description: "One thing", quantity: "2", unitPrice: "100", taxRate: "" }],
    });
    expect(again.ok).toBe(true);
    const invoice = await getInvoice(h.db, { userId: alice.id, invoiceId: id });
    expect(invoice).toMatchObject({ status: "open", totalMinor: 20000 });
    const history = await listInvoiceHistory(h.db, { userId: alice.id, invoiceId: id });
    expect(history.map((h) => h.action)).toEqual([
      "invoice.created",
      "invoice.updated",
      "invoice.sent",
      "invoice.updated",
    ]);
  });
});

describe("sending and voiding", () => {
  it("sends a draft once, creating an unguessable URL-safe pay link", async () => {
    const { id } = await newInvoice();
    expect(await sendInvoiceAction({ invoiceId: id })).toMatchObject({ ok: true });
    const invoice = await getInvoice(h.db, { userId: alice.id, invoiceId: id });
    expect(invoice?.status).toBe("open");
    expect(invoice?.payToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const twice = await sendInvoiceAction({ invoiceId: id });
    expect(twice).toMatchObject({ ok: false, error: { code: "conflict" } });
    const publicView = await getInvoiceByPayLinkToken(h.db, invoice?.payToken ?? "");
    expect(publicView).toMatchObject({ id, totalMinor: 7803, seller: { businessName: "Alice Studio" } });
    expect(publicView?.items).toHaveLength(3);
    // The public view never carries the seller's sign-in email.
    expect(JSON.stringify(publicView)).not.toContain(alice.email);
  });

  it("voids an open invoice: its pay link then resolves to nothing, and it can no longer change", async () => {
    const { id } = await newInvoice();
    await sendInvoiceAction({ invoiceId: id });
    const token = (await getInvoice(h.db, { userId: alice.id, invoiceId: id }))?.payToken ?? "";
    expect(await voidInvoiceAction({ invoiceId: id })).toMatchObject({ ok: true });
    expect(await getInvoiceByPayLinkToken(h.db, token)).toBeUndefined();
    expect(await updateInvoiceAction({ invoiceId: id, ...threeItemInvoice(aliceCustomer) })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await sendInvoiceAction({ invoiceId: id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("refuses to void or edit an invoice that has payments", async () => {
    const { id } = await newInvoice();
    await sendInvoiceAction({ invoiceId: id });
    await h.db.update(invoices).set({ paidMinor: 100, status: "partially_paid" }).where(eq(invoices.id, id));
    expect(await voidInvoiceAction({ invoiceId: id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await updateInvoiceAction({ invoiceId: id, ...threeItemInvoice(aliceCustomer) })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("does not resolve drafts or unknown tokens", async () => {
    await newInvoice();
    expect(await getInvoiceByPayLinkToken(h.db, "A".repeat(32))).toBeUndefined();
  });
});

describe("isolation between Users", () => {
  it("gives another User not-found, never data, for every invoice operation", async () => {
    const { id } = await newInvoice();
    signInAs(bob.id);
    expect(await getInvoice(h.db, { userId: bob.id, invoiceId: id })).toBeUndefined();
    for (const result of [
      await updateInvoiceAction({ invoiceId: id, ...threeItemInvoice(aliceCustomer) }),
      await sendInvoiceAction({ invoiceId: id }),
      await voidInvoiceAction({ invoiceId: id }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect((await listInvoices(h.db, { userId: bob.id, limit: 50, offset: 0 })).total).toBe(0);
    expect(await sumOutstanding(h.db, bob.id)).toEqual([]);
    expect((await getInvoice(h.db, { userId: alice.id, invoiceId: id }))?.status).toBe("draft");
  });
});

describe("numbering", () => {
  it("gives concurrent creations distinct, gap-free numbers per User", async () => {
    const carol = await h.user();
    signInAs(carol.id);
    const customer = await createCustomerAction({ name: "Concurrent Co" });
    if (!customer.ok) throw new Error("customer");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => createInvoiceAction(threeItemInvoice(customer.data.id))),
    );
    const numbers = results.map((r) => (r.ok ? r.data.number : `error:${r.error.message}`)).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${String(i + 1).padStart(4, "0")}`));
  });

  it("keeps each User's sequence separate", async () => {
    const dave = await h.user();
    signInAs(dave.id);
    const customer = await createCustomerAction({ name: "Dave's client" });
    if (!customer.ok) throw new Error("customer");
    const first = await createInvoiceAction(threeItemInvoice(customer.data.id));
    expect(first).toMatchObject({ ok: true, data: { number: "INV-0001" } });
  });
});

describe("lists", () => {
  it("filters by status and paginates newest first", async () => {
    const erin = await h.user();
    signInAs(erin.id);
    const customer = await createCustomerAction({ name: "Paged" });
    if (!customer.ok) throw new Error("customer");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await createInvoiceAction(threeItemInvoice(customer.data.id));
      if (r.ok) ids.push(r.data.id);
    }
    await sendInvoiceAction({ invoiceId: ids[1] });
    await sendInvoiceAction({ invoiceId: ids[3] });
    const open = await listInvoices(h.db, { userId: erin.id, status: "open", limit: 10, offset: 0 });
    expect(open.rows.map((r) => r.id).sort()).toEqual([ids[1], ids[3]].sort());
    const page1 = await listInvoices(h.db, { userId: erin.id, limit: 2, offset: 0 });
    const page3 = await listInvoices(h.db, { userId: erin.id, limit: 2, offset: 4 });
    expect(page1.total).toBe(5);
    expect(page1.rows.map((r) => r.number)).toEqual(["INV-0005", "INV-0004"]);
    expect(page3.rows.map((r) => r.number)).toEqual(["INV-0001"]);
    const outstanding = await sumOutstanding(h.db, erin.id);
    expect(outstanding).toEqual([{ currency: "gbp", dueMinor: 2 * 7803, count: 2 }]);
  });
});

describe("audit log", () => {
  it("is append-only", async () => {
    await newInvoice();
    await expect(h.db.execute(sql`update audit_log set action = 'tampered'`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
