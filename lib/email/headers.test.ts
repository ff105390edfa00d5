import { describe, expect, it } from "vitest";
import { bodyText, headerText, plainAddress } from "./headers";

describe("headerText", () => {
  it("turns every line break and control character into one space", () => {
    expect(headerText("Evil\r\nBcc: a@b.test")).toBe("Evil Bcc: a@b.test");
    expect(headerText("a\rb\nc\td\u0000e\u2028f\u0085g")).toBe("a b c d e f g");
    expect(headerText("  spaced   out  ")).toBe("spaced out");
  });

  it("caps the length", () => {
    expect(headerText("x".repeat(500))).toHaveLength(200);
    expect(headerText("x".repeat(500), 300)).toHaveLength(300);
  });
});

describe("plainAddress", () => {
  it("accepts one plain address", () => {
    expect(plainAddress(" ap@contoso.test ")).toBe("ap@contoso.test");
  });

  it("refuses anything that could add a recipient or a header", () => {
    for (const bad of [
      "ap@contoso.test\r\nBcc: x@evil.test",
      "Name <ap@contoso.test>",
      "ap@contoso.test, x@evil.test",
      "ap@contoso.test;x@evil.test",
      "not an address",
      "",
      null,
      undefined,
    ])
      expect(plainAddress(bad)).toBeNull();
  });
});

describe("bodyText", () => {
  it("keeps line breaks, normalises CRLF and drops other control characters", () => {
    expect(bodyText("Hi\r\nthere\rfriend\u0007 \u0000!")).toBe("Hi\nthere\nfriend !");
  });
});
