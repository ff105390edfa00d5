import { describe, expect, it } from "vitest";
import { getStripe } from "./client";
import { getStripeSetup } from "./config";

describe("getStripe", () => {
  it("keeps one client, and so one pool of connections to Stripe, across calls", () => {
    expect(getStripeSetup()).toBe(getStripeSetup());
    expect(getStripe()).toBe(getStripe());
  });
});
