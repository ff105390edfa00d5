import "server-only";
import type { Database } from "@/db";
import { upsertBusinessProfile } from "@/db/queries/business-profiles";
import { createUser, findUserByEmailForSignIn } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { createCustomer } from "@/lib/customers/service";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { createInvoice, sendInvoice, voidInvoice } from "@/lib/invoices/service";

export const DEMO_EMAIL = "demo@sixthdesk.test";
export const DEMO_PASSWORD = "demo-invoices-2026";

const DAY_MS = 86_400_000;
const day = (offset: number, now: Date) =>
  new Date(now.getTime() + offset * DAY_MS).toISOString().slice(0, 10);

export type SeedResult = { created: boolean; email: string; password: string };

/** Creates the demo User with customers and invoices in several states; does nothing if it exists. */
export async function seedDemo(db: Database, now = new Date()): Promise<SeedResult> {
  const result = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  if (await findUserByEmailForSignIn(db, DEMO_EMAIL)) return { created: false, ...result };
  const created = await createUser(db, {
    email: DEMO_EMAIL,
    name: "Dana Demo",
    businessName: "Demo Design Studio",
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  if (!created.ok) return { created: false, ...result };
  const userId = created.user.id;
  // A business profile, so the demo's documents show a complete From block (no logo: it is the
  // User's to upload in Settings → Business).
  await upsertBusinessProfile(db, {
    userId,
    values: {
      legalName: "Demo Design Studio Ltd",
      tradingName: "Demo Design Studio",
      address: "12 Canal Walk\nManchester M1 2AB\nUnited Kingdom",
      taxId: "GB999999973",
      contactEmail: "hello@demo-studio.example",
      phone: "+44 161 496 0000",
      brandColour: "#4338ca",
      invoicePrefix: "INV-",
      paymentTermsDays: 14,
      defaultNotes: "Thank you for your business. Payment due within 14 days.",
      footer: "Demo Design Studio Ltd · Registered in England and Wales no. 00000000",
      defaultCurrency: "gbp",
      locale: "en-GB",
      timeZone: "Europe/London",
    },
  });

  const acme = await createCustomer(db, userId, {
    name: "Acme Ltd",
    email: "accounts@acme.example",
    phone: null,
    address: "1 Market Street\nLondon EC1A 1AA",
    taxId: "GB123456789",
  });
  const tanaka = await createCustomer(db, userId, {
    name: "Tanaka Shoten",
    email: "keiri@tanaka.example",
    phone: null,
    address: "Tokyo",
    taxId: null,
  });
  const gulf = await createCustomer(db, userId, {
    name: "Gulf Trading Co.",
    email: null,
    phone: "+965 2222 0000",
    address: "Kuwait City",
    taxId: null,
  });

  const invoice = (
    customerId: string,
    currency: string,
    items: InvoiceValues["items"],
    dueIn = 14,
  ): InvoiceValues => ({
    customerId,
    currency,
    issueDate: day(0, now),
    dueDate: day(dueIn, now),
    notes: "Thank you for your business. Payment due within 14 days.",
    allowPartialPayments: false,
    partialMinimumMinor: null,
    items,
  });

  const website = await createInvoice(
    db,
    { userId },
    invoice(acme.id, "gbp", [
      { description: "Website design", quantityMilli: 1000, unitAmountMinor: 120000, taxRateBps: 2000 },
      { description: "Copywriting (hours)", quantityMilli: 7500, unitAmountMinor: 4500, taxRateBps: 2000 },
      { description: "Stock photos", quantityMilli: 3000, unitAmountMinor: 1999, taxRateBps: 2000 },
    ]),
  );
  await sendInvoice(db, { userId, invoiceId: website.id }, now);

  const logo = await createInvoice(
    db,
    { userId },
    invoice(tanaka.id, "jpy", [
      { description: "Logo design", quantityMilli: 1000, unitAmountMinor: 88000, taxRateBps: 1000 },
    ]),
  );
  await sendInvoice(db, { userId, invoiceId: logo.id }, now);

  await createInvoice(
    db,
    { userId },
    invoice(
      gulf.id,
      "kwd",
      [{ description: "Brand workshop", quantityMilli: 2000, unitAmountMinor: 150250, taxRateBps: null }],
      30,
    ),
  );

  const cancelled = await createInvoice(
    db,
    { userId },
    invoice(acme.id, "gbp", [
      { description: "Cancelled retainer", quantityMilli: 1000, unitAmountMinor: 50000, taxRateBps: 2000 },
    ]),
  );
  await voidInvoice(db, { userId, invoiceId: cancelled.id }, now);

  return { created: true, ...result };
}
