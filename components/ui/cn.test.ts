import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins truthy class names with single spaces", () => {
    expect(cn("a", "b c", "d")).toBe("a b c d");
  });

  it("skips false, null, undefined and empty strings", () => {
    const active = false;
    expect(cn("a", active && "b", null, undefined, "", "c")).toBe("a c");
  });

  it("returns an empty string for nothing", () => {
    expect(cn()).toBe("");
  });
});
