import { expect, test } from "./fixtures";

const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("make an invoice recurring: a past start is refused, then the schedule is listed and paused, resumed, stopped", async ({
  page,
  seed,
}) => {
  await seed.user();
  const invoice = await seed.sentInvoice({
    lines: [{ description: "Retainer", quantity: "1", unitPrice: "250.00" }],
  });
  await page.goto(invoice.invoiceUrl);
  await page.getByText("Make recurring").click();
  await page.getByLabel("Every").selectOption("quarterly");
  await page.getByLabel("First invoice on").fill(dayFromToday(-3));
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText("Start today or later.")).toBeVisible();

  const start = dayFromToday(10);
  await page.getByLabel("First invoice on").fill(start);
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page).toHaveURL(/\/recurring$/);
  const row = page.getByRole("row").filter({ hasText: "£250.00" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Quarterly");
  // Written as every date on the dashboard is, in the seller's locale ("10 Dec 2026"), never as ISO.
  const startShown = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${start}T00:00:00Z`));
  await expect(row).toContainText(startShown);
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row).toContainText("Paused");
  await page.reload();
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Stop" }).click();
  await expect(row).toContainText("Stopped");
  await expect(row.getByRole("button")).toHaveCount(0);
});
