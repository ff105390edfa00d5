import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const base = { NODE_ENV: "test", AUTH_SECRET: "a".repeat(40) };

describe("parseEnv", () => {
  it("requires AUTH_SECRET in production, except for processes that sign no one in", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: required in production/);
    // The emulator on purpose: production without Stripe keys is refused on its own (tested below).
    const production = { NODE_ENV: "production", STRIPE_EMULATOR: "true" };
    const a = parseEnv(production, { sessions: false });
    const b = parseEnv(production, { sessions: false });
    expect(a.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    // A throwaway per process, never a fixed value that could sign a cookie elsewhere.
    expect(a.AUTH_SECRET).not.toBe(b.AUTH_SECRET);
    expect(parseEnv({ ...base, ...production }, { sessions: false }).AUTH_SECRET).toBe(base.AUTH_SECRET);
  });

  it("defaults to PGlite, the emulator and no platform fee", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({
      stripeMode: "emulator",
      platformFeeBps: 0,
      PLATFORM_FEE_FIXED_MINOR: 0,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("applies webhook events in the app server unless told not to, which needs PostgreSQL", () => {
    expect(parseEnv(base).WEBHOOK_WORKER_IN_PROCESS).toBe(true);
    const postgres = { ...base, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x" };
    expect(parseEnv({ ...postgres, WEBHOOK_WORKER_IN_PROCESS: "false" }).WEBHOOK_WORKER_IN_PROCESS).toBe(
      false,
    );
    expect(() => parseEnv({ ...base, WEBHOOK_WORKER_IN_PROCESS: "false" })).toThrow(
      /WEBHOOK_WORKER_IN_PROCESS: can be false only with DATABASE_URL/,
    );
    expect(() => parseEnv({ ...postgres, WEBHOOK_WORKER_IN_PROCESS: "no" })).toThrow(/must be true or false/);
  });

  it("reads the platform fee percentage exactly as basis points", () => {
    expect(parseEnv({ ...base, PLATFORM_FEE_PERCENT: "2.5" }).platformFeeBps).toBe(250);
    expect(parseEnv({ ...base, PLATFORM_FEE_PERCENT: "0.29" }).platformFeeBps).toBe(29);
    expect(parseEnv({ ...base, PLATFORM_FEE_FIXED_MINOR: "30" }).PLATFORM_FEE_FIXED_MINOR).toBe(30);
  });

  it.each([
    ["DATABASE_URL", "mysql://x"],
    ["APP_URL", "not a url"],
    ["STRIPE_SECRET_KEY", "pk_test_123"],
    ["PLATFORM_FEE_PERCENT", "2.555"],
    ["PLATFORM_FEE_FIXED_MINOR", "1.5"],
    ["LOG_LEVEL", "loud"],
  ])("stops with a message naming %s when it is wrong", (name, value) => {
    expect(() => parseEnv({ ...base, [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ ...base, [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("requires the other Stripe settings once a secret key is set", () => {
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_123" })).toThrow(
      /STRIPE_WEBHOOK_SECRET: required/,
    );
    const live = parseEnv({
      ...base,
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_PUBLISHABLE_KEY: "pk_test_123",
      STRIPE_CONNECT_CLIENT_ID: "ca_123",
      STRIPE_WEBHOOK_SECRET: "whsec_123",
    });
    expect(live.stripeMode).toBe("live");
  });

  it("refuses to run a production server on the emulator unless asked for by name", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };
    expect(() => parseEnv(prod)).toThrow(
      /STRIPE_SECRET_KEY: required in production[\s\S]*STRIPE_EMULATOR=true/,
    );
    expect(() => parseEnv({ ...prod, STRIPE_EMULATOR: "false" })).toThrow(/STRIPE_SECRET_KEY: required/);
    expect(() => parseEnv({ ...prod, STRIPE_EMULATOR: "yes" })).toThrow(
      /STRIPE_EMULATOR: must be true or false/,
    );
    expect(parseEnv({ ...prod, STRIPE_EMULATOR: "true" }).stripeMode).toBe("emulator");
    // Development keeps its zero-configuration start.
    expect(parseEnv({ NODE_ENV: "development", AUTH_SECRET: "x".repeat(32) }).stripeMode).toBe("emulator");
    const live = {
      ...prod,
      STRIPE_SECRET_KEY: "sk_live_123",
      STRIPE_PUBLISHABLE_KEY: "pk_live_123",
      STRIPE_CONNECT_CLIENT_ID: "ca_123",
      STRIPE_WEBHOOK_SECRET: "whsec_123",
    };
    expect(parseEnv(live).stripeMode).toBe("live");
    expect(() => parseEnv({ ...live, STRIPE_EMULATOR: "true" })).toThrow(/STRIPE_EMULATOR: cannot be true/);
  });

  it("requires AUTH_SECRET in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow(
      /AUTH_SECRET: must be at least 32/,
    );
  });
});
