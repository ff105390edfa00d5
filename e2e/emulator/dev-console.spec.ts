import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { startEmulator } from "../../emulator/index";

test("the dev console refunds from the 'dashboard' and disconnects an account from the user's side", async ({
  page,
}) => {
  const emulator = await startEmulator({ port: 0, log: () => {} });
  try {
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
    });
    const { code, account } = await emulator.control.authorize({ create: { name: "Console Ltd" } });
    await stripe.oauth.token({ grant_type: "authorization_code", code });
    const pi = await stripe.paymentIntents.create(
      {
        amount: 3000,
        currency: "gbp",
        confirm: true,
        payment_method: "pm_card_visa",
        return_url: "http://localhost/r",
      },
      { stripeAccount: account },
    );

    await page.goto(emulator.url);
    const row = page.getByRole("row").filter({ hasText: pi.id });
    page.once("dialog", (dialog) => dialog.accept("1200"));
    await row.getByRole("button", { name: "Refund from dashboard" }).click();
    await expect(page.getByRole("status")).toHaveText("dashboard_refund: done");
    const charge = await stripe.charges.retrieve(String(pi.latest_charge), {}, { stripeAccount: account });
    expect(charge.amount_refunded).toBe(1200);

    const accountRow = page.getByRole("row").filter({ hasText: account });
    await accountRow.getByRole("button", { name: "Disconnect (user side)" }).click();
    // exact: "Connect" alone also matches the "Disconnect (user side)" button still shown before the answer.
    await expect(accountRow.getByRole("button", { name: "Connect", exact: true })).toBeVisible();
    await expect(stripe.paymentIntents.list({}, { stripeAccount: account })).rejects.toMatchObject({
      statusCode: 403,
    });
  } finally {
    await emulator.close();
  }
});
