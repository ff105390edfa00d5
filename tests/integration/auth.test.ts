import { describe, expect, it } from "vitest";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { findUserByEmailForSignIn } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/authenticate";
import { TEST_PASSWORD } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

const h = integrationHarness({ emulator: false });

const valid = {
  name: "Sam",
  businessName: "Sam's Studio",
  email: "Sam@Example.test",
  password: "a-long-passphrase",
};

describe("sign-up", () => {
  it("creates a User with a hashed password and a lowercased email", async () => {
    const result = await signUp(valid);
    expect(result).toEqual({ ok: true, data: { email: "sam@example.test" } });
    const user = await findUserByEmailForSignIn(h.db, "sam@example.test");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(valid.password);
  });

  it("refuses a duplicate email, whatever its case, and stores nothing", async () => {
    const result = await signUp({ ...valid, email: "SAM@example.TEST", name: "Impostor" });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    if (!result.ok) expect(result.error.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect((await findUserByEmailForSignIn(h.db, "sam@example.test"))?.name).toBe("Sam");
  });

  it.each([
    ["short", "Use at least 10 characters."],
    ["password123", "That password is too common. Choose another."],
    ["aaaaaaaaaaaa", "That password is too easy to guess. Mix more characters."],
  ])("refuses the weak password %s with a clear message", async (password, message) => {
    const email = `weak-${password}@example.test`;
    const result = await signUp({ ...valid, email, password });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { password: [message] } },
    });
    expect(await findUserByEmailForSignIn(h.db, email)).toBeUndefined();
  });

  it("refuses a malformed email and missing names", async () => {
    const result = await signUp({
      name: "",
      businessName: " ",
      email: "nope",
      password: "a-long-passphrase",
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(["businessName", "email", "name"]);
  });
});

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const user = await h.user();
    expect(await authenticate(h.db, { email: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await authenticate(h.db, { email: user.email, password: "wrong-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(h.db, { email: "nobody@example.test", password: "whatever" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
