import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { describeError, redactText } from "./log-redaction";

describe("redactText", () => {
  it("removes client secrets, keys, connection passwords and email addresses", () => {
    const text = [
      "pi_3Abc_secret_XyZ123",
      "sk_live_51Habc",
      "rk_test_9z",
      "whsec_abc+/=",
      "postgres://app:hunter2@db.internal:5432/prod",
      "ana.lópez+bills@example.co.uk",
    ].join(" ");
    const out = redactText(text);
    for (const secret of ["XyZ123", "51Habc", "rk_test_9z", "whsec_abc", "hunter2", "bills@example"])
      expect(out).not.toContain(secret);
    expect(out).toContain("postgres://app:[password]@db.internal");
  });

  it("cuts very long text and says how much was left out", () => {
    const out = redactText("x".repeat(5_000));
    expect(out.length).toBeLessThan(1_100);
    expect(out).toContain("4000 more characters");
  });
});

describe("describeError", () => {
  it("keeps the SQL of a failed query, drops its bound values, and chains the driver's error", () => {
    const driver = Object.assign(new Error("connection terminated unexpectedly"), { code: "57P01" });
    const body = JSON.stringify({ client_secret: "pi_1_secret_2", receipt_email: "a@b.example" });
    const error = new DrizzleQueryError(
      'insert into "stripe_events" values ($1, $2)',
      ["evt_1", body],
      driver,
    );
    const fields = describeError(error);
    const line = JSON.stringify(fields);
    expect(fields.errorMessage).toContain('insert into "stripe_events"');
    expect(fields.errorMessage).toContain("[params omitted]");
    expect(line).not.toContain("pi_1_secret_2");
    expect(line).not.toContain("a@b.example");
    expect(fields.cause).toBe("Error [57P01]: connection terminated unexpectedly");
  });

  it("follows a chain of causes and stops at a cycle's limit", () => {
    const inner = new Error("inner");
    const outer = new Error("outer", { cause: new TypeError("middle", { cause: inner }) });
    expect(describeError(outer).cause).toBe("TypeError: middle ← Error: inner");
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(describeError(b).cause?.split(" ← ")).toHaveLength(5);
  });

  it("describes a thrown non-error", () => {
    expect(describeError("sk_test_abc")).toEqual({ error: "[stripe key]" });
  });
});
