import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp";

const directives = (policy: string) =>
  new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("contentSecurityPolicy", () => {
  it("allows scripts only with this request's nonce, and Stripe.js's own origins in live mode", () => {
    const d = directives(
      contentSecurityPolicy({ nonce: "abc123", stripe: { mode: "live" }, https: true, development: false }),
    );
    expect(d.get("script-src")).toEqual([
      "'self'",
      "'nonce-abc123'",
      "'strict-dynamic'",
      "https://js.stripe.com",
      "https://*.js.stripe.com",
    ]);
    expect(d.get("frame-src")).toEqual([
      "https://js.stripe.com",
      "https://*.js.stripe.com",
      "https://hooks.stripe.com",
    ]);
    expect(d.get("connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(true);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("allows the emulator's origin, and nothing of Stripe's, in emulator mode", () => {
    const policy = contentSecurityPolicy({
      nonce: "n",
      stripe: { mode: "emulator", emulatorOrigin: "http://127.0.0.1:12111" },
      https: false,
      development: true,
    });
    const d = directives(policy);
    expect(policy).not.toContain("stripe.com");
    expect(d.get("script-src")).toContain("http://127.0.0.1:12111");
    expect(d.get("connect-src")).toEqual(["'self'", "http://127.0.0.1:12111"]);
    expect(d.get("frame-src")).toEqual(["http://127.0.0.1:12111"]);
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });
});
