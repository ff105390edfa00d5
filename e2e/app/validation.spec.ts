import { addCustomer, expect, fillLines, PASSWORD, seeder, test, uniqueEmail } from "./fixtures";

test("sign-up with a weak password shows the error and creates no account", async ({ page }) => {
  const email = uniqueEmail("weak");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Weak");
  await page.getByLabel("Business name").fill("Weak Ltd");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-up$/);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});

test("bad customer and invoice input shows field errors and saves nothing", async ({ page, seed }) => {
  await seed.user();
  await page.goto("/customers/new");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByText("Enter the customer's name.")).toBeVisible();
  await expect(page.getByText(/Enter a valid email address/)).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByText("No customers yet")).toBeVisible();

  await addCustomer(page, "Fabrikam");
  await page.goto("/invoices/new");
  await fillLines(page, [{ description: "", quantity: "abc", unitPrice: "1.234" }]);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Describe the item.")).toBeVisible();
  await expect(page.getByText(/2 decimal places/)).toBeVisible();
  await expect(page.getByLabel("Unit price (line 1)")).toHaveAttribute("aria-invalid", "true");
  await page.goto("/invoices");
  await expect(page.getByText("No invoices yet")).toBeVisible();
});

test("one User cannot open another User's invoice or customer", async ({
  page,
  visitor: otherPage,
  seed,
}) => {
  await seed.user();
  await addCustomer(page, "Secret Client");
  const customerUrl = page.url();
  await page.goto("/invoices/new");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Secret Client" });
  await fillLines(page, [{ description: "Confidential", quantity: "1", unitPrice: "500" }]);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: /INV-0001/ })).toBeVisible();
  const invoiceUrl = page.url();

  await seeder(otherPage.request).user();
  for (const url of [invoiceUrl, `${invoiceUrl}/edit`, customerUrl]) {
    const response = await otherPage.goto(url);
    expect(response?.status()).toBe(404);
    await expect(otherPage.getByText("Secret Client")).toHaveCount(0);
    await expect(otherPage.getByText("Confidential")).toHaveCount(0);
  }
});
