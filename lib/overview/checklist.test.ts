import { describe, expect, it } from "vitest";
import { type ChecklistInput, checklistItems, showChecklist } from "./checklist";

const fresh: ChecklistInput = {
  user: {
    emailVerifiedAt: null,
    stripeAccountId: null,
    stripeConnectionStatus: null,
    stripeChargesEnabled: false,
    stripeCardPayments: null,
  },
  profile: undefined,
  hasCustomer: false,
  hasSentInvoice: false,
};

const done = (input: ChecklistInput) => Object.fromEntries(checklistItems(input).map((i) => [i.key, i.done]));

describe("first-run checklist", () => {
  it("starts with nothing done, each step linking to where it is done", () => {
    const items = checklistItems(fresh);
    expect(items.map((i) => [i.key, i.done, i.href])).toEqual([
      ["verify_email", false, "/settings/security"],
      ["stripe", false, "/settings/payments"],
      ["business", false, "/settings/business"],
      ["customer", false, "/customers/new"],
      ["invoice", false, "/invoices/new"],
    ]);
    expect(showChecklist(items, null)).toBe(true);
  });

  it("counts Stripe only once it can take card payments", () => {
    const connected = {
      ...fresh.user,
      stripeAccountId: "acct_1",
      stripeConnectionStatus: "connected" as const,
    };
    expect(done({ ...fresh, user: connected }).stripe).toBe(false);
    expect(checklistItems({ ...fresh, user: connected })[1]?.action).toBe("Finish setting up Stripe");
    expect(done({ ...fresh, user: { ...connected, stripeChargesEnabled: true } }).stripe).toBe(true);
    const disconnected = {
      ...connected,
      stripeChargesEnabled: true,
      stripeConnectionStatus: "disconnected" as const,
    };
    expect(done({ ...fresh, user: disconnected }).stripe).toBe(false);
  });

  it("needs a business name and address, not blanks", () => {
    const profile = { legalName: "  ", tradingName: null, address: "1 High St" };
    expect(done({ ...fresh, profile }).business).toBe(false);
    expect(done({ ...fresh, profile: { ...profile, tradingName: "Acme" } }).business).toBe(true);
    expect(done({ ...fresh, profile: { ...profile, legalName: "Acme Ltd", address: "" } }).business).toBe(
      false,
    );
  });

  it("disappears when everything is done, or once dismissed", () => {
    const all = checklistItems({
      user: {
        emailVerifiedAt: new Date(),
        stripeAccountId: "acct_1",
        stripeConnectionStatus: "connected",
        stripeChargesEnabled: true,
        stripeCardPayments: "active",
      },
      profile: { legalName: "Acme Ltd", tradingName: null, address: "1 High St" },
      hasCustomer: true,
      hasSentInvoice: true,
    });
    expect(all.every((i) => i.done)).toBe(true);
    expect(showChecklist(all, null)).toBe(false);
    expect(showChecklist(checklistItems(fresh), new Date())).toBe(false);
  });
});
