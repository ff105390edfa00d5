import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { createCustomerAction } from "@/app/(dashboard)/customers/actions";
import {
  confirmTotpAction,
  signOutEverywhereAction,
  startTotpAction,
  turnOffTotpAction,
} from "@/app/(dashboard)/settings/security/actions";
import { getUserById } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/authenticate";
import { authOptions } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { TEST_PASSWORD } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ emulator: false });

describe("revocable sessions", () => {
  it("a cookie stops working once the User signs out everywhere, and a fresh sign-in works", async () => {
    const user = await h.user();
    signInAs(user.id, user.sessionVersion);
    expect((await getCurrentUser())?.id).toBe(user.id);
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: true });
    // The same cookie (old version): no User, and actions answer "session ended".
    expect(await getCurrentUser()).toBeNull();
    expect(await createCustomerAction({ name: "Ghost" })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    const fresh = await getUserById(h.db, user.id);
    signInAs(user.id, fresh?.sessionVersion);
    expect((await getCurrentUser())?.id).toBe(user.id);
  });

  it("signing out through next-auth ends the cookie everywhere, not just in this browser", async () => {
    const user = await h.user();
    await authOptions().events?.signOut?.({ token: { sub: user.id, sv: 0 }, session: null as never });
    signInAs(user.id, 0);
    expect(await getCurrentUser()).toBeNull();
  });

  it("the version travels in the cookie from sign-in", async () => {
    const user = await h.user();
    const jwt = authOptions().callbacks?.jwt;
    const token = await jwt?.({
      token: { sub: user.id },
      user: { id: user.id, sessionVersion: 3 },
      account: null,
    } as never);
    expect(token).toMatchObject({ sub: user.id, sv: 3 });
  });
});

async function codeAt(secret: string, at: Date) {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

async function enrol(user: { id: string; sessionVersion: number }) {
  signInAs(user.id, user.sessionVersion);
  const started = await startTotpAction({});
  if (!started.ok) throw new Error(started.error.message);
  const confirmed = await confirmTotpAction({ code: await codeAt(started.data.secret, new Date()) });
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  return { secret: started.data.secret, recoveryCodes: confirmed.data.recoveryCodes };
}

describe("two-factor sign-in", () => {
  it("enrols with a confirmed code; the secret and recovery codes are not stored readable", async () => {
    const user = await h.user();
    const { secret, recoveryCodes } = await enrol(user);
    expect(recoveryCodes).toHaveLength(10);
    const stored = await getUserById(h.db, user.id);
    expect(stored?.totpSecret).toMatch(/^v1\./);
    expect(stored?.totpSecret).not.toContain(secret);
    expect(stored?.totpPendingSecret).toBeNull();
  });

  it("refuses a wrong code at enrolment and keeps two-factor off", async () => {
    const user = await h.user();
    signInAs(user.id);
    const started = await startTotpAction({});
    expect(started.ok).toBe(true);
    expect(await confirmTotpAction({ code: "000000" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect((await getUserById(h.db, user.id))?.totpSecret).toBeNull();
  });

  it("asks for the code after the right password, takes each code once, and recovery codes once", async () => {
    const user = await h.user();
    const { secret, recoveryCodes } = await enrol(user);
    const creds = { email: user.email, password: TEST_PASSWORD, clientAddress: "198.51.100.20" };
    expect(await authenticate(h.db, creds)).toEqual({ ok: false, reason: "code_required" });
    expect(await authenticate(h.db, { ...creds, password: "wrong-one-here" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(h.db, { ...creds, code: "123456" })).toEqual({
      ok: false,
      reason: "code_invalid",
    });

    // A code 30 s on is a new step; the step used at enrolment cannot be used again.
    const later = new Date(Date.now() + 30_000);
    const code = await codeAt(secret, later);
    expect(await authenticate(h.db, { ...creds, code }, later)).toMatchObject({ ok: true });
    expect(await authenticate(h.db, { ...creds, code }, later)).toEqual({
      ok: false,
      reason: "code_invalid",
    });

    const [recovery] = recoveryCodes;
    if (!recovery) throw new Error("no recovery code");
    const typed = ` ${recovery.toUpperCase().replace("-", " ")} `;
    expect(await authenticate(h.db, { ...creds, code: typed })).toMatchObject({ ok: true });
    expect(await authenticate(h.db, { ...creds, code: recovery })).toEqual({
      ok: false,
      reason: "code_invalid",
    });
  });

  it("limits wrong codes per User, even from many addresses", async () => {
    const user = await h.user();
    const { secret } = await enrol(user);
    for (let i = 0; i < 5; i++) {
      await authenticate(h.db, {
        email: user.email,
        password: TEST_PASSWORD,
        code: "999999",
        clientAddress: `203.0.113.${i}`,
      });
    }
    const next = new Date(Date.now() + 60_000);
    const result = await authenticate(
      h.db,
      {
        email: user.email,
        password: TEST_PASSWORD,
        code: await codeAt(secret, next),
        clientAddress: "203.0.113.50",
      },
      next,
    );
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("turning it off needs the password and a code, and ends every session", async () => {
    const user = await h.user();
    const { secret } = await enrol(user);
    expect(await turnOffTotpAction({ password: "wrong-password-x", code: "" })).toMatchObject({ ok: false });
    expect(await turnOffTotpAction({ password: TEST_PASSWORD, code: "" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { code: [expect.stringContaining("Enter the code")] } },
    });
    expect((await getUserById(h.db, user.id))?.totpSecret).not.toBeNull();
    const code = await codeAt(secret, new Date(Date.now() + 30_000));
    // The code's step is ahead of the clock by one: within the tolerance, and not yet used.
    expect(await turnOffTotpAction({ password: TEST_PASSWORD, code })).toMatchObject({ ok: true });
    const after = await getUserById(h.db, user.id);
    expect(after?.totpSecret).toBeNull();
    expect(after?.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await getCurrentUser()).toBeNull();
    expect(await authenticate(h.db, { email: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: true,
    });
  });
});

describe("text fields", () => {
  it.each([
    ["NUL", "Ada\u0000Lovelace", "U+0000"],
    ["a bell", "Ada\u0007", "U+0007"],
    ["half an emoji", "Ada \ud83d", "U+D83D"],
  ])("refuse %s with a clear message and store nothing", async (_what, name, codePoint) => {
    const user = await h.user();
    signInAs(user.id);
    const result = await createCustomerAction({ name, email: "", phone: "", address: "", taxId: "" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { name: [expect.stringContaining(codePoint)] } },
    });
  });

  it("accept any Unicode a person can paste, line breaks and tabs included", async () => {
    const user = await h.user();
    signInAs(user.id);
    const name = "Zoë 東京 👩🏽‍💻 Ünïcödé \u200d";
    const result = await createCustomerAction({
      name,
      address: "1 Rue\n\tBis",
      email: "",
      phone: "",
      taxId: "",
    });
    expect(result).toMatchObject({ ok: true });
  });

  it("sign-up refuses a NUL in a name without an internal error", async () => {
    const result = await signUp({
      name: "Eve\u0000",
      businessName: "Eve Co",
      email: `nul-${Date.now()}@example.test`,
      password: "a-long-passphrase",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { name: [expect.any(String)] } },
    });
  });
});
