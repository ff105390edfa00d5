import type { Browser, BrowserContext, Page } from "@playwright/test";
import { generate } from "otplib";
import { confirmEmailFromMailbox, expect, PASSWORD, test, uniqueEmail } from "./fixtures";

const NEW_PASSWORD = "a-brand-new-passphrase";

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A second browser holding a copy of this page's session cookie, as a thief with the cookie would. */
async function copyOfSession(browser: Browser, from: BrowserContext): Promise<Page> {
  const stolen = await browser.newContext();
  await stolen.addCookies(await from.cookies());
  return stolen.newPage();
}

test("email verification: a new account drafts but cannot connect Stripe until the emailed link is followed", async ({
  page,
}) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Vera Tester");
  await page.getByLabel("Business name").fill("Vera's Studio");
  await page.getByLabel("Email").fill(uniqueEmail("verify"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("verify-email-banner")).toContainText("Confirm your email address");

  await page.goto("/settings/payments");
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page.getByText("Confirm your email address first")).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/payments$/);

  await confirmEmailFromMailbox(page);
  await page.goto("/dashboard");
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  await page.goto("/settings/payments");
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
});

test("password reset: an emailed single-use link sets a new password and signs out every device", async ({
  page,
  seed,
  visitor,
}) => {
  const { email } = await seed.user();
  // The person has forgotten the password on one computer; the mailbox is read where they are signed in.
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(visitor.getByTestId("reset-requested")).toContainText(`If ${email} has a SixthDesk account`);

  await page.goto("/dev/mailbox");
  await page.getByRole("link", { name: /Reset your SixthDesk password/ }).click();
  await page.waitForURL(/\/dev\/mailbox\?email=/);
  const link = page
    .getByTestId("mailbox-email")
    .getByRole("region", { name: "Plain-text version" })
    .getByRole("link", { name: /\/reset-password\// });
  const resetUrl = await link.getAttribute("href");
  expect(resetUrl).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

  await visitor.goto(resetUrl ?? "");
  await visitor.getByLabel("New password").fill(NEW_PASSWORD);
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor).toHaveURL(/\/sign-in\?ended=reset$/);
  await expect(visitor.getByText("Your new password is set")).toBeVisible();
  await signInThroughForm(visitor, email, NEW_PASSWORD);
  await expect(visitor).toHaveURL(/\/dashboard$/);

  // The session that was open before the reset has ended.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  // The link works once.
  await visitor.goto(resetUrl ?? "");
  await expect(visitor.getByText("expired or was already used")).toBeVisible();
});

test("two-factor: enrol with the app's code, then sign-in asks for a code and takes a recovery code once", async ({
  page,
  seed,
}) => {
  const { email } = await seed.user();
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByTestId("two-factor-status")).toHaveText("Off");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Six-digit code").fill("000000");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  const now = Math.floor(Date.now() / 1000);
  await page.getByLabel("Six-digit code").fill(await generate({ secret, epoch: now }));
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent()) ?? "";
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-factor-status")).toHaveText("On");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInThroughForm(page, email, PASSWORD);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await code.fill("123456");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  // The next 30-second step: within the allowed drift, and not the step used at enrolment.
  await code.fill(await generate({ secret, epoch: now + 30 }));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInThroughForm(page, email, PASSWORD);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInThroughForm(page, email, PASSWORD);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
});

test("sign out everywhere ends a copied cookie; so does signing out", async ({
  page,
  seed,
  browser,
  context,
}) => {
  const { email } = await seed.user();
  const thief = await copyOfSession(browser, context);
  await thief.goto("/dashboard");
  await expect(thief).toHaveURL(/\/dashboard$/);

  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=everywhere$/);
  await expect(page.getByText("You were signed out on every device.")).toBeVisible();
  await thief.goto("/dashboard");
  await expect(thief).toHaveURL(/\/sign-in/);

  // A cookie kept from before a plain sign-out is refused too.
  await signInThroughForm(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  const kept = await copyOfSession(browser, context);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await kept.goto("/dashboard");
  await expect(kept).toHaveURL(/\/sign-in/);
  await kept.context().close();
  await thief.context().close();
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ seed, context }) => {
  await seed.user();
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("sign-in never sends a person off the site, whatever the callback says", async ({ page, seed }) => {
  const { email } = await seed.user();
  await page.context().clearCookies();
  for (const callback of [
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/%09/evil.example",
  ]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/(dashboard|%09\/evil\.example)$/);
    await page.context().clearCookies();
  }
});

test("every page carries a CSP with a fresh nonce on its scripts, and the pay page hides the seller's email", async ({
  page,
  seed,
  visitor,
}) => {
  const { email } = await seed.seller({ business: "Nonce Studio" });
  const { payUrl } = await seed.sentInvoice({
    lines: [{ description: "Work", quantity: "1", unitPrice: "20.00" }],
  });
  const nonces = new Set<string>();
  for (const url of ["/dashboard", "/dashboard", payUrl]) {
    const response = await page.goto(url);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
    expect(nonce).not.toBe("");
    nonces.add(nonce);
    // Every script the server rendered carries it (scripts added later run through 'strict-dynamic').
    const scriptTags = (await response?.text())?.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
  await visitor.goto(payUrl);
  await expect(visitor.getByTestId("amount-due")).toBeVisible();
  await expect(visitor.locator("body")).not.toContainText(email);
  await expect(visitor.getByRole("heading", { name: "Nonce Studio", level: 1 })).toBeVisible();
});
