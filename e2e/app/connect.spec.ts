import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The consent page is the offline emulator's (same machine, another port). The demo account used
// here is disconnected again at the end, so other specs can connect it afterwards. Each test starts
// from a seeded, signed-in User with nothing connected.

async function openConsentPage(page: Page) {
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveText("Not connected");
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  await expect(
    page.getByRole("heading", { name: /would like to connect to your Stripe account/ }),
  ).toBeVisible();
}

async function expectOutcome(page: Page, outcome: string, title: string) {
  await expect(page).toHaveURL(new RegExp(`/settings/payments\\?connect=${outcome}$`));
  await expect(page.getByTestId("connect-outcome")).toContainText(title);
}

test("connect the demo account on Stripe's consent page, see its details, then disconnect it", async ({
  page,
  seed,
}) => {
  await seed.user({ business: "Agency Connect Test" });
  await openConsentPage(page);
  await page.getByRole("button", { name: "Connect Demo Agency LLC" }).click();

  await expectOutcome(page, "connected", "Your Stripe account is connected.");
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(page.getByTestId("account-id")).toHaveText("acct_demo_us");
  await expect(page.getByTestId("account-country")).toHaveText("US");
  await expect(page.getByTestId("account-currency")).toHaveText("USD");
  await expect(page.getByTestId("account-charges")).toHaveText("Yes");
  await expect(page.getByTestId("account-onboarding")).toHaveText("Yes");
  await expect(page.getByTestId("charges-disabled")).toHaveCount(0);

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page).toHaveURL(/\/settings\/payments\?refresh=refreshed$/);
  await expect(page.getByTestId("refresh-outcome")).toHaveText("Account details refreshed from Stripe.");
  await expect(page.getByTestId("connect-outcome")).toHaveCount(0);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Disconnected");
  await expect(page.getByTestId("disconnected-note")).toContainText("You disconnected acct_demo_us");
  await expect(page).toHaveURL(/\/settings\/payments$/);
  await expect(page.getByTestId("connect-outcome")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Connect Stripe" })).toBeVisible();
});

test("declining on the consent page ends on the settings page with a plain explanation", async ({
  page,
  seed,
}) => {
  await seed.user();
  await openConsentPage(page);
  await page.getByRole("button", { name: "Deny" }).click();

  await expectOutcome(page, "denied", "You declined the connection on Stripe.");
  await expect(page.getByTestId("connect-outcome")).toContainText("Nothing was connected.");
  await expect(page.getByTestId("connection-status")).toHaveText("Not connected");
});

test("an account that cannot take charges yet is connected and the settings say what to do", async ({
  page,
  seed,
}) => {
  await seed.user({ business: "Restricted Studio" });
  await openConsentPage(page);
  // The business name is prefilled from the SixthDesk account.
  await expect(page.getByLabel("Business name")).toHaveValue("Restricted Studio");
  await page.getByRole("button", { name: "Create an account that cannot take charges yet" }).click();

  await expectOutcome(page, "connected", "Your Stripe account is connected.");
  await expect(page.getByTestId("account-id")).toHaveText(/^acct_/);
  await expect(page.getByTestId("account-charges")).toHaveText("No");
  await expect(page.getByTestId("account-onboarding")).toHaveText("No");
  const notice = page.getByTestId("charges-disabled");
  await expect(notice).toContainText("This account cannot take card payments yet");
  await expect(notice).toContainText("then press Refresh here");
  await expect(notice).toContainText("your pay links tell customers you cannot accept card payments yet");
});

test("a callback with a forged state is refused with a plain explanation", async ({ page, seed }) => {
  await seed.user();
  await page.goto("/api/stripe/oauth/callback?code=ac_forged&state=not-a-state-we-made");
  await expectOutcome(page, "invalid_state", "That connection attempt could not be verified.");
  await expect(page.getByTestId("connection-status")).toHaveText("Not connected");
});
