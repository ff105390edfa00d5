import { describe, expect, it } from "vitest";
import { disputeStatus } from "@/db/schema/enums";
import { canDisputeMoveTo, disputeStatusFromStripe, isAwaitingEvidence, isDisputeClosed } from "./status";

describe("dispute status", () => {
  it("moves forward and never reopens", () => {
    expect(canDisputeMoveTo("needs_response", "under_review")).toBe(true);
    expect(canDisputeMoveTo("under_review", "lost")).toBe(true);
    expect(canDisputeMoveTo("lost", "needs_response")).toBe(false);
    expect(canDisputeMoveTo("under_review", "needs_response")).toBe(false);
    expect(canDisputeMoveTo("warning_needs_response", "needs_response")).toBe(true);
    expect(canDisputeMoveTo("needs_response", "warning_needs_response")).toBe(false);
    expect(canDisputeMoveTo("won", "lost")).toBe(false);
  });

  it("follows an appeal of a lost dispute to its end, and no further back", () => {
    expect(canDisputeMoveTo("lost", "appeal_needs_response")).toBe(true);
    expect(canDisputeMoveTo("appeal_needs_response", "appeal_under_review")).toBe(true);
    expect(canDisputeMoveTo("appeal_under_review", "won")).toBe(true);
    expect(canDisputeMoveTo("appeal_under_review", "appeal_needs_response")).toBe(false);
    expect(canDisputeMoveTo("won", "appeal_needs_response")).toBe(false);
    expect(isAwaitingEvidence("appeal_needs_response")).toBe(true);
    // A fresh read may skip steps: an appeal seen before the loss it follows.
    expect(canDisputeMoveTo("needs_response", "appeal_needs_response")).toBe(true);
    expect(canDisputeMoveTo("appeal_needs_response", "needs_response")).toBe(false);
    expect(isDisputeClosed("appeal_under_review")).toBe(false);
  });

  it("knows which statuses are closed", () => {
    expect(isDisputeClosed("won")).toBe(true);
    expect(isDisputeClosed("warning_closed")).toBe(true);
    expect(isDisputeClosed("needs_response")).toBe(false);
  });

  it("records a status it does not know as unknown, with Stripe's word, and leaves it for any known one", () => {
    expect(disputeStatusFromStripe("needs_response")).toEqual({ status: "needs_response", unknown: null });
    expect(disputeStatusFromStripe("appeal_reopened")).toEqual({
      status: "unknown",
      unknown: "appeal_reopened",
    });
    expect(disputeStatusFromStripe(null)).toEqual({ status: "unknown", unknown: "null" });
    for (const to of disputeStatus.enumValues) {
      if (to !== "unknown") expect(canDisputeMoveTo("unknown", to)).toBe(true);
    }
    expect(canDisputeMoveTo("under_review", "unknown")).toBe(true);
    expect(canDisputeMoveTo("won", "unknown")).toBe(false);
  });
});
