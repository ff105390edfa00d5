import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  confirmEmailAction,
  requestPasswordResetAction,
  resetPasswordAction,
} from "@/app/(auth)/account-actions";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { sendInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import { connectStripeAction } from "@/app/(dashboard)/settings/payments/actions";
import {
  changeEmailAction,
  changePasswordAction,
  resendVerificationAction,
} from "@/app/(dashboard)/settings/security/actions";
import { findUserByEmailForSignIn, getUserById } from "@/db/queries/users";
import { accountTokens } from "@/db/schema";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { hashToken } from "@/lib/accounts/tokens";
import { confirmEmail } from "@/lib/accounts/verification";
import { authenticate } from "@/lib/auth/authenticate";
import { POLICIES } from "@/lib/rate-limit/policies";
import { countAccountEmails, linkTokenFromEmail } from "../support/account-emails";
import { TEST_PASSWORD } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ emulator: false });
const NEW_PASSWORD = "a-brand-new-passphrase";
const MINUTE = 60_000;

describe("password reset links", () => {
  it("answers alike for unknown addresses and emails nothing", async () => {
    const unknown = await requestPasswordResetAction({ email: "nobody-here@example.test" });
    const user = await h.user();
    const known = await requestPasswordResetAction({ email: user.email });
    expect(unknown).toEqual({ ok: true, data: { email: "nobody-here@example.test" } });
    expect(known).toEqual({ ok: true, data: { email: user.email } });
    expect(await countAccountEmails(h.db, { userId: user.id, kind: "password_reset" })).toBe(1);
  });

  it("stores only a hash, works once, ends every session and confirms the address", async () => {
    const user = await h.user({ verified: false });
    await requestPasswordReset(h.db, { email: user.email, clientAddress: "198.51.100.1" });
    const token = await linkTokenFromEmail(h.db, { userId: user.id, kind: "password_reset" });
    const stored = await h.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(stored.map((t) => t.tokenHash)).toEqual([hashToken(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await resetPasswordAction({ token, password: NEW_PASSWORD })).toMatchObject({ ok: true });
    const after = await getUserById(h.db, user.id);
    expect(after?.sessionVersion).toBe(user.sessionVersion + 1);
    expect(after?.emailVerifiedAt).not.toBeNull();
    expect(await authenticate(h.db, { email: user.email, password: NEW_PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await authenticate(h.db, { email: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
    });
    expect(await countAccountEmails(h.db, { userId: user.id, kind: "password_changed" })).toBe(1);

    // The same link again, even at once and with another password: refused, nothing changes.
    const again = await resetPasswordAction({ token, password: "yet-another-passphrase" });
    expect(again).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await authenticate(h.db, { email: user.email, password: NEW_PASSWORD })).toMatchObject({
      ok: true,
    });
  });

  it("refuses an expired link, and two concurrent uses of one link change the password once", async () => {
    const user = await h.user();
    const t0 = new Date(Date.now() - MINUTE);
    await requestPasswordReset(h.db, { email: user.email, clientAddress: "198.51.100.2", now: t0 });
    const token = await linkTokenFromEmail(h.db, { userId: user.id, kind: "password_reset" });
    await expect(
      resetPassword(h.db, { token, password: NEW_PASSWORD, now: new Date(t0.getTime() + 31 * MINUTE) }),
    ).rejects.toThrow(/expired or was already used/);

    await requestPasswordReset(h.db, { email: user.email, clientAddress: "198.51.100.2" });
    const fresh = await linkTokenFromEmail(h.db, { userId: user.id, kind: "password_reset" });
    const results = await Promise.all([
      resetPasswordAction({ token: fresh, password: "first-new-passphrase" }),
      resetPasswordAction({ token: fresh, password: "second-new-passphrase" }),
    ]);
    expect(
      results.filter((r) => r.ok),
      JSON.stringify(results),
    ).toHaveLength(1);
    expect((await getUserById(h.db, user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("a newer link or any password change retires the older link", async () => {
    const user = await h.user();
    await requestPasswordReset(h.db, { email: user.email, clientAddress: "198.51.100.3" });
    const first = await linkTokenFromEmail(h.db, { userId: user.id, kind: "password_reset" });
    await requestPasswordReset(h.db, { email: user.email, clientAddress: "198.51.100.3" });
    const second = await linkTokenFromEmail(h.db, { userId: user.id, kind: "password_reset" });
    expect(await resetPasswordAction({ token: first, password: NEW_PASSWORD })).toMatchObject({ ok: false });

    signInAs(user.id, user.sessionVersion);
    expect(
      await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    ).toMatchObject({ ok: true });
    expect(await resetPasswordAction({ token: second, password: "attacker-passphrase" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("is limited per address, with a plain message", async () => {
    const user = await h.user();
    for (let i = 0; i < POLICIES.resetPerEmail.limit; i++) {
      await requestPasswordReset(h.db, { email: user.email, clientAddress: `192.0.2.${i}` });
    }
    await expect(
      requestPasswordReset(h.db, { email: user.email, clientAddress: "192.0.2.99" }),
    ).rejects.toThrow(/Too many reset requests. Try again in (\d+ minutes?|1 hour)\./);
    expect(await countAccountEmails(h.db, { userId: user.id, kind: "password_reset" })).toBe(
      POLICIES.resetPerEmail.limit,
    );
  });

  it("refuses malformed tokens as incomplete links", async () => {
    for (const token of ["", "x", "A".repeat(43).replace(/.$/, "\u0000"), "../../etc/passwd"]) {
      const result = await resetPasswordAction({ token, password: NEW_PASSWORD });
      expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    }
  });
});

describe("email verification", () => {
  it("sign-up emails a link; until it is followed, drafts only: no Stripe, no sending", async () => {
    const email = `verify-${Date.now()}@example.test`;
    expect(
      await signUp({ name: "Vera", businessName: "Vera Co", email, password: "a-long-passphrase" }),
    ).toMatchObject({ ok: true });
    const user = await findUserByEmailForSignIn(h.db, email);
    if (!user) throw new Error("not created");
    expect(user.emailVerifiedAt).toBeNull();
    signInAs(user.id);

    expect(await connectStripeAction({})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await sendInvoiceAction({ invoiceId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("Confirm your email address") },
    });

    const token = await linkTokenFromEmail(h.db, { userId: user.id, kind: "account_verification" });
    expect(await confirmEmailAction({ token })).toEqual({
      ok: true,
      data: { confirmed: true, changed: false },
    });
    expect((await getUserById(h.db, user.id))?.emailVerifiedAt).not.toBeNull();
    expect(await confirmEmailAction({ token })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("expires after a day, and a resent link replaces the old one; resends are limited", async () => {
    const user = await h.user({ verified: false });
    signInAs(user.id);
    expect(await resendVerificationAction({})).toMatchObject({ ok: true, data: { sentTo: user.email } });
    const first = await linkTokenFromEmail(h.db, { userId: user.id, kind: "account_verification" });
    expect(await confirmEmail(h.db, { token: first, now: new Date(Date.now() + 25 * 60 * MINUTE) })).toBe(
      "invalid",
    );
    expect(await resendVerificationAction({})).toMatchObject({ ok: true });
    expect(await confirmEmail(h.db, { token: first })).toBe("invalid");
    for (let i = 2; i < POLICIES.verificationResendPerUser.limit; i++) await resendVerificationAction({});
    expect(await resendVerificationAction({})).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const latest = await linkTokenFromEmail(h.db, { userId: user.id, kind: "account_verification" });
    expect(await confirmEmail(h.db, { token: latest })).toBe("confirmed");
  });
});

describe("changing the email address", () => {
  it("sends a link to the new address; following it moves the account, ends sessions and tells the old one", async () => {
    const user = await h.user();
    signInAs(user.id);
    const newEmail = `moved-${Date.now()}@example.test`;
    expect(
      await changeEmailAction({ newEmail: "wrong@example.test", password: "not-my-password" }),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { password: [expect.stringContaining("not your current password")] } },
    });
    expect(await changeEmailAction({ newEmail: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
    });
    expect(await changeEmailAction({ newEmail: newEmail.toUpperCase(), password: TEST_PASSWORD })).toEqual({
      ok: true,
      data: { sentTo: newEmail },
    });
    // Nothing changes until the link is followed.
    expect((await getUserById(h.db, user.id))?.email).toBe(user.email);
    const token = await linkTokenFromEmail(h.db, {
      userId: user.id,
      kind: "account_verification",
      to: newEmail,
    });
    expect(await confirmEmailAction({ token })).toEqual({
      ok: true,
      data: { confirmed: true, changed: true },
    });
    const after = await getUserById(h.db, user.id);
    expect(after).toMatchObject({ email: newEmail, sessionVersion: user.sessionVersion + 1 });
    expect(await countAccountEmails(h.db, { userId: user.id, kind: "email_changed" })).toBe(1);
    expect(await authenticate(h.db, { email: newEmail, password: TEST_PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await authenticate(h.db, { email: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
    });
    expect(await confirmEmailAction({ token })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("refuses an address in use, and a link whose address was taken meanwhile changes nothing", async () => {
    const user = await h.user();
    const other = await h.user();
    signInAs(user.id);
    expect(await changeEmailAction({ newEmail: other.email, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    const wanted = `wanted-${Date.now()}@example.test`;
    expect(await changeEmailAction({ newEmail: wanted, password: TEST_PASSWORD })).toMatchObject({
      ok: true,
    });
    const token = await linkTokenFromEmail(h.db, {
      userId: user.id,
      kind: "account_verification",
      to: wanted,
    });
    await signUp({ name: "Quick", businessName: "Quick Co", email: wanted, password: "a-long-passphrase" });
    expect(await confirmEmailAction({ token })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await getUserById(h.db, user.id))?.email).toBe(user.email);
  });

  it("an old sign-up link never moves the account back to an earlier address", async () => {
    const user = await h.user({ verified: false });
    signInAs(user.id);
    await resendVerificationAction({});
    const signUpLink = await linkTokenFromEmail(h.db, {
      userId: user.id,
      kind: "account_verification",
      to: user.email,
    });
    const moved = `later-${Date.now()}@example.test`;
    await changeEmailAction({ newEmail: moved, password: TEST_PASSWORD });
    const changeLink = await linkTokenFromEmail(h.db, {
      userId: user.id,
      kind: "account_verification",
      to: moved,
    });
    expect(await confirmEmailAction({ token: changeLink })).toMatchObject({ ok: true });
    expect(await confirmEmailAction({ token: signUpLink })).toMatchObject({ ok: false });
    expect((await getUserById(h.db, user.id))?.email).toBe(moved);
  });
});
