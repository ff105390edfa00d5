import { describe, expect, it } from "vitest";
import { canDisputeMoveTo, isDisputeClosed } from "./status";

describe("dispute status", () => {
  it("moves forward and never reopens", () => {
    expect(canDisputeMoveTo("needs_response", "under_review")).toBe(true);
    expect(canDisputeMoveTo("under_review", "lost")).toBe(true);
    expect(canDisputeMoveTo("lost", "needs_response")).toBe(false);
    expect(canDisputeMoveTo("under_review", "needs_response")).toBe(false);
    expect(canDisputeMoveTo("warning_needs_response", "needs_response")).toBe(true);
    expect(canDisputeMoveTo("needs_response", "warning_needs_response")).toBe(false);
  });

  it("knows which statuses are closed", () => {
    expect(isDisputeClosed("won")).toBe(true);
    expect(isDisputeClosed("warning_closed")).toBe(true);
    expect(isDisputeClosed("needs_response")).toBe(false);
  });
});
