import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from "./safe-redirect";

const origin = "http://127.0.0.1:3300";
const judge = (value: string | null | undefined) => safeRedirectPath(value, { origin });

describe("safeRedirectPath", () => {
  it.each([
    ["/invoices", "/invoices"],
    ["/invoices/abc?page=2#lines", "/invoices/abc?page=2#lines"],
    [`${origin}/payments`, "/payments"],
    [origin, "/"],
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/%5Cevil.com", "/%5Cevil.com"],
    ["/invoices/../settings", "/settings"],
    ["/search?q=https://evil.com", "/search?q=https://evil.com"],
    ["/caf\u00e9", "/caf%C3%A9"],
  ])("keeps the on-site path %j as %j", (value, expected) => {
    expect(judge(value)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    "",
    "//evil.com",
    "///evil.com",
    "////evil.com/path",
    "/\\evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r/evil.com",
    " //evil.com",
    "\u0000//evil.com",
    "/\u0000/evil.com",
    "/.//evil.com",
    "/./\\evil.com",
    "https://evil.com",
    "http://evil.com/dashboard",
    "HTTPS://EVIL.COM",
    "https:evil.com",
    "https:/evil.com",
    "http://127.0.0.1:3300@evil.com",
    "http://127.0.0.1:3300.evil.com/",
    "http://127.0.0.1:3301/dashboard",
    "https://127.0.0.1:3300/dashboard",
    "//127.0.0.1:3300@evil.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "evil.com",
    "%2F%2Fevil.com",
    "%2f%2fevil.com/dashboard",
    "\u3002evil.com",
    `/${"a".repeat(2100)}`,
  ])("refuses %j and falls back to the dashboard", (value) => {
    expect(judge(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.com", { origin, fallback: "/sign-in" })).toBe("/sign-in");
  });
});
