import { expect, test } from "./fixtures";
import { seeder } from "./seed";

const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A day as the recurring list writes it, in the seller's locale ("10 Dec 2026"), never as ISO. */
const shownDay = (day: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));

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
  await expect(row).toContainText(shownDay(start));
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

test("edit a schedule: a past next date is refused, then a new cadence, template and count are saved; another User gets a 404", async ({
  page,
  seed,
  browser,
  baseURL,
}) => {
  await seed.user();
  const invoice = await seed.sentInvoice({
    lines: [{ description: "Retainer", quantity: "1", unitPrice: "250.00" }],
  });
  await seed.sentInvoice({ lines: [{ description: "Support", quantity: "1", unitPrice: "400.00" }] });
  await page.goto(invoice.invoiceUrl);
  await page.getByText("Make recurring").click();
  await page.getByLabel("First invoice on").fill(dayFromToday(10));
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page).toHaveURL(/\/recurring$/);
  await page.getByRole("link", { name: "Schedule of INV-0001" }).click();
  await expect(page).toHaveURL(/\/recurring\/[0-9a-f-]{36}$/);
  const scheduleUrl = page.url();
  await expect(page.getByRole("heading", { name: "Recurring INV-0001" })).toBeVisible();
  await expect(page.getByText("None yet.")).toBeVisible();

  const form = page.getByRole("form", { name: "Edit schedule" });
  await form.getByLabel("Next invoice on").fill(dayFromToday(-2));
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(form.getByText("Pick today or later: past runs are not issued.")).toBeVisible();

  const next = dayFromToday(5);
  await form.getByLabel("Copy invoice").selectOption({ label: "INV-0002 · £400.00" });
  await form.getByLabel("Every").selectOption("weekly");
  await form.getByLabel("Next invoice on").fill(next);
  await form.getByLabel("Number of invoices in all").fill("3");
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(form.getByText(`Saved. Next invoice on ${shownDay(next)}.`)).toBeVisible();
  await page.reload();
  await expect(
    page.getByText(`Active, weekly; next invoice on ${shownDay(next)}. 0 issued of 3.`),
  ).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit schedule" }).getByLabel("Copy invoice")).toHaveValue(
    /[0-9a-f-]{36}/,
  );

  await page.goto("/recurring");
  const row = page.getByRole("row").filter({ hasText: "INV-0002" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Weekly");
  await expect(row).toContainText("£400.00");
  await expect(row).toContainText(shownDay(next));
  await expect(row).toContainText("0 of 3");

  const other = await browser.newContext({ baseURL });
  try {
    await seeder(other.request).user();
    expect((await other.request.get(scheduleUrl)).status()).toBe(404);
  } finally {
    await other.close();
  }
});
