import { describe, expect, it } from "vitest";
import type { StripeRequirements } from "@/db/schema";
import { paymentsAccount } from "./connection";
import { accountStanding, disabledReasonText, requirementLabels } from "./requirements";

const none: StripeRequirements = {
  currentlyDue: [],
  pastDue: [],
  eventuallyDue: [],
  pendingVerification: [],
  disabledReason: null,
  currentDeadline: null,
};

const account = (over: Partial<Parameters<typeof accountStanding>[0]> = {}) => ({
  stripeAccountId: "acct_1",
  stripeConnectionStatus: "connected" as const,
  stripeChargesEnabled: true,
  stripeCardPayments: "active",
  stripeRequirements: none,
  ...over,
});

describe("paymentsAccount", () => {
  it("needs charges_enabled, an active card_payments capability and a live connection", () => {
    expect(paymentsAccount(account())).toBe("acct_1");
    expect(paymentsAccount(account({ stripeChargesEnabled: false }))).toBeNull();
    for (const status of ["pending", "inactive", "unrequested"]) {
      expect(paymentsAccount(account({ stripeCardPayments: status }))).toBeNull();
    }
    expect(paymentsAccount(account({ stripeConnectionStatus: "disconnected" }))).toBeNull();
    // Not read yet (stored before capabilities were): charges_enabled decides.
    expect(paymentsAccount(account({ stripeCardPayments: null }))).toBe("acct_1");
  });
});

describe("accountStanding", () => {
  it("tells ready, due soon, verifying, action needed and rejected apart", () => {
    expect(accountStanding(account())).toBe("ready");
    expect(
      accountStanding(
        account({ stripeRequirements: { ...none, currentlyDue: ["company.tax_id"], currentDeadline: 1 } }),
      ),
    ).toBe("due_soon");
    expect(
      accountStanding(
        account({
          stripeChargesEnabled: false,
          stripeCardPayments: "pending",
          stripeRequirements: {
            ...none,
            pendingVerification: ["x"],
            disabledReason: "requirements.pending_verification",
          },
        }),
      ),
    ).toBe("verifying");
    expect(
      accountStanding(
        account({
          stripeChargesEnabled: false,
          stripeCardPayments: "inactive",
          stripeRequirements: {
            ...none,
            pastDue: ["external_account"],
            disabledReason: "requirements.past_due",
          },
        }),
      ),
    ).toBe("action_needed");
    expect(
      accountStanding(
        account({
          stripeChargesEnabled: false,
          stripeRequirements: { ...none, disabledReason: "rejected.fraud" },
        }),
      ),
    ).toBe("rejected");
  });
});

describe("words for Stripe's ids", () => {
  it("names known requirements once each and passes unknown ones through", () => {
    expect(
      requirementLabels([
        "tos_acceptance.date",
        "tos_acceptance.ip",
        "individual.verification.document",
        "x.y",
      ]),
    ).toEqual(["Acceptance of Stripe's terms of service", "An identity document", "x.y"]);
    expect(requirementLabels(["individual.first_name"])).toEqual(["Your personal details"]);
  });

  it("explains disabled reasons, with a plain fallback", () => {
    expect(disabledReasonText(null)).toBeNull();
    expect(disabledReasonText("requirements.past_due")).toMatch(/past due/);
    expect(disabledReasonText("rejected.terms_of_service")).toMatch(/rejected/);
    expect(disabledReasonText("something_new")).toBe("Stripe has disabled payments on this account.");
  });
});
