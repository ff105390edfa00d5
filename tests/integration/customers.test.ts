import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createCustomerAction,
  deleteCustomerAction,
  updateCustomerAction,
} from "@/app/(dashboard)/customers/actions";
import { createInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import { getCustomer, listCustomers } from "@/db/queries/customers";
import type { User } from "@/db/schema";
import { threeItemInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ emulator: false });
let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await h.user();
  bob = await h.user();
});
beforeEach(() => signInAs(alice.id));

async function addCustomer(fields: Record<string, string>) {
  const result = await createCustomerAction(fields);
  if (!result.ok) throw new Error(result.error.message);
  return result.data.id;
}

describe("customer actions", () => {
  it("creates a customer with normalised fields", async () => {
    const id = await addCustomer({
      name: "  Ada Lovelace ",
      email: "ADA@Example.com",
      phone: "",
      address: "",
      taxId: "",
    });
    const stored = await getCustomer(h.db, { userId: alice.id, customerId: id });
    expect(stored).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: null,
      address: null,
    });
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const before = await listCustomers(h.db, { userId: alice.id, limit: 100, offset: 0 });
    const result = await createCustomerAction({ name: "   ", email: "not-an-email" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("validation");
    expect(result.error.fieldErrors?.name?.[0]).toMatch(/name/i);
    expect(result.error.fieldErrors?.email?.[0]).toMatch(/valid email/i);
    const after = await listCustomers(h.db, { userId: alice.id, limit: 100, offset: 0 });
    expect(after.total).toBe(before.total);
  });

  it("requires a session", async () => {
    signInAs(null);
    const result = await createCustomerAction({ name: "Nobody" });
    expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  });

  it("edits and searches by name or email, scoped to the owner", async () => {
    const id = await addCustomer({ name: "Grace Hopper", email: "grace@navy.example" });
    const updated = await updateCustomerAction({
      customerId: id,
      name: "Rear Admiral Hopper",
      email: "grace@navy.example",
    });
    expect(updated.ok).toBe(true);
    const byName = await listCustomers(h.db, {
      userId: alice.id,
      search: "admiral",
      limit: 10,
      offset: 0,
    });
    expect(byName.rows.map((r) => r.id)).toEqual([id]);
    const byEmail = await listCustomers(h.db, {
      userId: alice.id,
      search: "NAVY.example",
      limit: 10,
      offset: 0,
    });
    expect(byEmail.rows.map((r) => r.id)).toEqual([id]);
    const wildcard = await listCustomers(h.db, { userId: alice.id, search: "%", limit: 10, offset: 0 });
    expect(wildcard.rows).toEqual([]);
    const asBob = await listCustomers(h.db, { userId: bob.id, search: "hopper", limit: 10, offset: 0 });
    expect(asBob.rows).toEqual([]);
  });

  it("gives another User not-found for every operation on someone else's customer", async () => {
    const id = await addCustomer({ name: "Private Client", email: "private@example.test" });
    signInAs(bob.id);
    const update = await updateCustomerAction({ customerId: id, name: "Hijacked" });
    expect(update).toMatchObject({ ok: false, error: { code: "not_found" } });
    const del = await deleteCustomerAction({ customerId: id });
    expect(del).toMatchObject({ ok: false, error: { code: "not_found" } });
    const invoice = await createInvoiceAction(threeItemInvoice(id));
    expect(invoice.ok).toBe(false);
    expect(await getCustomer(h.db, { userId: bob.id, customerId: id })).toBeUndefined();
    const stored = await getCustomer(h.db, { userId: alice.id, customerId: id });
    expect(stored?.name).toBe("Private Client");
  });

  it("deletes a customer without invoices and refuses one with invoices", async () => {
    const unused = await addCustomer({ name: "Short-lived" });
    expect(await deleteCustomerAction({ customerId: unused })).toMatchObject({ ok: true });
    expect(await getCustomer(h.db, { userId: alice.id, customerId: unused })).toBeUndefined();

    const billed = await addCustomer({ name: "Billed" });
    const invoice = await createInvoiceAction(threeItemInvoice(billed));
    expect(invoice.ok).toBe(true);
    const refused = await deleteCustomerAction({ customerId: billed });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict" } });
    if (!refused.ok) expect(refused.error.message).toMatch(/has invoices/);
    expect(await getCustomer(h.db, { userId: alice.id, customerId: billed })).toBeDefined();
  });
});
