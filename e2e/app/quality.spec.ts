import type { Cookie, Page } from "@playwright/test";
import {
  actAsClient,
  expect,
  fakeClientAddress,
  requestsAsClient,
  type Seeder,
  seeder,
  test,
} from "./fixtures";
import {
  collectConsoleErrors,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  keepScreenshot,
  waitForHydration,
} from "./page-checks";
import type { SeededInvoice } from "./seed";
import { baseUrl, callAction } from "./server-actions";

// Every page, at a desktop and two phone widths: no axe-core violations (1280 and 390 px), nothing wider
// than the screen (390 and 320 px), no console errors (all three), a screenshot of each kept with the
// results. To cover a new page, add a row to PAGES.

type Seeded = {
  paid: SeededInvoice;
  open: SeededInvoice;
  draftUrl: string;
  paymentPath: string;
  customerPath: string;
  schedulePath: string;
  paymentIntentId: string;
};

type PageCase = {
  name: string;
  /** The seller's signed-in browser, or a signed-out one (the Customer, a visitor). */
  as: "seller" | "signed out";
  path: (s: Seeded) => string;
  /** The answer's status, when not 200. */
  status?: number;
  /** What "loaded" means beyond hydration (the pay page's card form has mounted). */
  ready?: (page: Page) => Promise<void>;
};

const payFormReady = async (page: Page) => {
  await expect(page.getByRole("button", { name: /^Pay / })).toBeEnabled();
};

const PAGES: PageCase[] = [
  { name: "dashboard", as: "seller", path: () => "/dashboard" },
  { name: "invoices", as: "seller", path: () => "/invoices" },
  { name: "new invoice", as: "seller", path: () => "/invoices/new" },
  { name: "paid invoice", as: "seller", path: (s) => s.paid.invoiceUrl },
  { name: "open invoice", as: "seller", path: (s) => s.open.invoiceUrl },
  { name: "edit invoice", as: "seller", path: (s) => `${s.draftUrl}/edit` },
  { name: "customers", as: "seller", path: () => "/customers" },
  { name: "new customer", as: "seller", path: () => "/customers/new" },
  { name: "customer", as: "seller", path: (s) => s.customerPath },
  { name: "payments", as: "seller", path: () => "/payments" },
  { name: "payment", as: "seller", path: (s) => s.paymentPath },
  { name: "recurring", as: "seller", path: () => "/recurring" },
  { name: "recurring schedule", as: "seller", path: (s) => s.schedulePath },
  {
    name: "invoices searched and filtered",
    as: "seller",
    path: () => "/invoices?q=Design&dates=due&from=2026-01-01",
  },
  { name: "settings business", as: "seller", path: () => "/settings/business" },
  { name: "settings payments", as: "seller", path: () => "/settings/payments" },
  { name: "settings security", as: "seller", path: () => "/settings/security" },
  { name: "settings reminders", as: "seller", path: () => "/settings/reminders" },
  { name: "mailbox", as: "seller", path: () => "/dev/mailbox" },
  { name: "home", as: "signed out", path: () => "/" },
  { name: "sign in", as: "signed out", path: () => "/sign-in" },
  { name: "sign up", as: "signed out", path: () => "/sign-up" },
  { name: "forgot password", as: "signed out", path: () => "/forgot-password" },
  { name: "reset password (dead link)", as: "signed out", path: () => `/reset-password/${"x".repeat(43)}` },
  { name: "verify email (dead link)", as: "signed out", path: () => `/verify-email/${"x".repeat(43)}` },
  { name: "not found", as: "signed out", path: () => "/no-such-page", status: 404 },
  { name: "pay page (unknown link)", as: "signed out", path: () => `/pay/${"x".repeat(43)}`, status: 404 },
  { name: "pay page", as: "signed out", path: (s) => s.open.payUrl, ready: payFormReady },
  { name: "pay page (paid)", as: "signed out", path: (s) => s.paid.payUrl },
  {
    name: "pay complete",
    as: "signed out",
    path: (s) => `${s.paid.payUrl}/complete?payment_intent=${s.paymentIntentId}`,
  },
];

const WIDTHS = [
  { width: 1280, height: 900, axe: true, sideways: false },
  { width: 390, height: 844, axe: true, sideways: true },
  { width: 320, height: 640, axe: false, sideways: true },
] as const;

const BASE = baseUrl();
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A seller with one of everything: paid, open and draft invoices, a payment and a part refund, a recurring
 * schedule.
 */
async function seedEverything(seed: Seeder, page: Page): Promise<Seeded> {
  const seller = await seed.seller({ business: "Quality Gate Studio" });
  const paid = await seed.sentInvoice({
    customer: "Very Long Customer Name Limited",
    customerEmail: "accounts-payable.department@a-rather-long-customer-domain.example",
    lines: [
      {
        description: "A rather long line description for a narrow screen",
        quantity: "2",
        unitPrice: "1250.00",
      },
      { description: "Hosting", quantity: "12", unitPrice: "19.99", taxRate: "20" },
    ],
  });
  const { paymentIntentId } = await seed.payment(paid, seller);
  const open = await seed.sentInvoice({
    lines: [
      {
        description: "Design work, second phase, with revisions",
        quantity: "3",
        unitPrice: "480.00",
        taxRate: "20",
      },
    ],
  });
  const { invoiceUrl: draftUrl } = await seed.draftInvoice({
    lines: [{ description: "Draft line", quantity: "1", unitPrice: "10.00" }],
  });
  await callAction(
    page.request,
    {
      file: "app/(dashboard)/recurring/actions.ts",
      name: "createRecurringScheduleAction",
      page: "/recurring",
    },
    {
      templateInvoiceId: open.invoiceId,
      frequency: "monthly",
      lastDayOfMonth: false,
      startOn: dayFromToday(10),
      endOn: null,
      maxRuns: null,
      autoSend: false,
    },
  );
  await page.goto("/payments");
  const paymentPath = await page
    .locator('a[href^="/payments/"]:not([href^="/payments/export"])')
    .first()
    .getAttribute("href");
  await page.goto("/customers");
  const customerPath = await page
    .locator('a[href^="/customers/"]:not([href$="/new"])')
    .first()
    .getAttribute("href");
  await page.goto("/recurring");
  const schedulePath = await page.locator('a[href^="/recurring/"]').first().getAttribute("href");
  if (!paymentPath || !customerPath || !schedulePath) {
    throw new Error("seeded payment, customer or schedule not listed");
  }
  // A part refund, so the payment and invoice pages show their refund lists.
  await callAction(
    page.request,
    { file: "app/(dashboard)/payments/actions.ts", name: "refundPaymentAction", page: paymentPath },
    {
      paymentId: paymentPath.split("/").at(-1),
      amount: "100.00",
      reason: "requested_by_customer",
      note: "",
      code: "",
    },
  );
  return { paid, open, draftUrl, paymentPath, customerPath, schedulePath, paymentIntentId };
}

type World = Seeded & {
  /** The seeded seller's session: a test's own browser takes it to be signed in as that seller. */
  sellerCookies: Cookie[];
};

// The pages only read what was seeded, so one seller with one of everything serves every test of a worker
// (seeding takes seconds, and was repeated by each of the six tests).
// biome-ignore lint/complexity/noBannedTypes: Playwright's own spelling of "no test fixtures"
const quality = test.extend<{}, { world: World }>({
  world: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: BASE });
      const address = fakeClientAddress();
      await actAsClient(context, BASE, address);
      const page = await context.newPage();
      const seeded = await seedEverything(seeder(requestsAsClient(page.request, address)), page);
      const sellerCookies = await context.cookies();
      await context.close();
      await use({ ...seeded, sellerCookies });
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

for (const size of WIDTHS) {
  quality.describe(`at ${size.width} px`, () => {
    quality.use({ viewport: { width: size.width, height: size.height } });

    for (const as of ["seller", "signed out"] as const) {
      quality(
        `${as} pages: ${size.axe ? "no axe-core violations, " : ""}${size.sideways ? "no sideways scrolling, " : ""}no console errors`,
        async ({ page, visitor, world }, testInfo) => {
          test.setTimeout(180_000);
          if (as === "seller") await page.context().addCookies(world.sellerCookies);
          const browser = as === "seller" ? page : visitor;
          await browser.setViewportSize({ width: size.width, height: size.height });
          const errors = collectConsoleErrors(browser);
          for (const entry of PAGES.filter((p) => p.as === as)) {
            await test.step(entry.name, async () => {
              errors.length = 0;
              const url = new URL(entry.path(world), BASE).toString();
              const response = await browser.goto(url);
              const status = entry.status ?? 200;
              expect(response?.status(), entry.name).toBe(status);
              await waitForHydration(browser);
              await entry.ready?.(browser);
              if (size.sideways) await expectNoSidewaysScroll(browser);
              if (size.axe) await expectNoAxeViolations(browser);
              await keepScreenshot(browser, testInfo, `${entry.name}-${size.width}`);
              // Chromium reports the page's own error status as a failed load; that one is expected.
              const unexpected = errors.filter(
                (e) =>
                  !(
                    status >= 400 &&
                    e.startsWith(
                      `Failed to load resource: the server responded with a status of ${status}`,
                    ) &&
                    e.endsWith(`(${url})`)
                  ),
              );
              expect.soft(unexpected, `console errors on ${entry.name}`).toEqual([]);
            });
          }
        },
      );
    }
  });
}

test("every page names an icon that exists, and /favicon.ico exists too", async ({ visitor }) => {
  for (const path of ["/", "/sign-in", "/no-such-page"]) {
    await visitor.goto(new URL(path, BASE).toString());
    const icons = await visitor
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length, path).toBeGreaterThan(0);
    for (const href of icons) expect((await visitor.request.get(href)).status(), href).toBe(200);
  }
  const ico = await visitor.request.get(new URL("/favicon.ico", BASE).toString());
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toContain("image/");
});
