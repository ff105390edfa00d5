import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { noteUnknownStripeValue } from "./unknown-value";

afterEach(() => vi.restoreAllMocks());

describe("unknown Stripe values", () => {
  it("are logged once per field and value, whatever the number of events carrying them", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    for (let i = 0; i < 5; i++) noteUnknownStripeValue("dispute.status", "appeal_reopened");
    noteUnknownStripeValue("refund.status", "appeal_reopened");
    noteUnknownStripeValue("refund.status", null);
    noteUnknownStripeValue("refund.status", null);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledWith(expect.any(String), { field: "refund.status", value: "null" });
  });

  it("log at most 80 characters of what Stripe sent", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    noteUnknownStripeValue("payment_intent.status", "x".repeat(500));
    expect(warn.mock.calls[0]?.[1]).toEqual({ field: "payment_intent.status", value: "x".repeat(80) });
  });
});
