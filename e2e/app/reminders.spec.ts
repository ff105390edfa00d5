import { addCustomer, expect, test } from "./fixtures";

test("Settings → Reminders: the default schedule, a change saved, and bad days refused without saving", async ({
  page,
  seed,
}) => {
  await seed.user();
  await page.goto("/settings/reminders");
  await expect(page.getByRole("heading", { name: "Reminders" })).toBeVisible();
  const days = page.getByLabel("Days relative to the due date");
  await expect(days).toHaveValue("-3, 0, 7, 14");
  await expect(page.getByText("Every email was delivered or is on its way.")).toBeVisible();

  await days.fill("14, -2, 1");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Reminder schedule saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Days relative to the due date")).toHaveValue("-2, 1, 14");

  await page.getByLabel("Days relative to the due date").fill("3, 3");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Each day may appear once")).toBeVisible();
  await page.getByLabel("Days relative to the due date").fill("soon");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Enter a whole number of days")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Days relative to the due date")).toHaveValue("-2, 1, 14");
});

test("a customer's reminders pause and resume, and the choice survives a reload", async ({ page, seed }) => {
  await seed.user();
  await addCustomer(page, "Paused Ltd");
  await expect(page.getByText("Automatic reminders are on for this customer's invoices")).toBeVisible();
  await page.getByRole("button", { name: "Pause reminders" }).click();
  await expect(page.getByText("Automatic reminders are paused for this customer's invoices.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Resume reminders" })).toBeVisible();
  await page.getByRole("button", { name: "Resume reminders" }).click();
  await expect(page.getByRole("button", { name: "Pause reminders" })).toBeVisible();
});
