import { randomUUID } from "node:crypto";
import { sendInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import type { Database } from "@/db";
import { saveConnectedAccount } from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { createCustomer } from "@/lib/customers/service";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { createInvoice } from "@/lib/invoices/service";
import type { TestEmulator } from "./emulator";
import { createTestUser, oneLineInvoice } from "./factories";
import { signInAs } from "./session";

/** A User whose fresh emulator account is connected and can take charges. */
export async function createSellerWithAccount(
  db: Database,
  emulator: TestEmulator,
  options: { chargesEnabled?: boolean } = {},
) {
  const user = await createTestUser(db, { businessName: `Seller ${randomUUID().slice(0, 6)}` });
  const account = await emulator.control.createAccount({
    name: user.businessName,
    country: "GB",
    charges_enabled: options.chargesEnabled ?? true,
    connected: true,
  });
  const saved = await saveConnectedAccount(db, {
    userId: user.id,
    accountId: account.id,
    snapshot: {
      chargesEnabled: account.charges_enabled,
      detailsSubmitted: account.details_submitted,
      country: "GB",
      defaultCurrency: "gbp",
    },
    at: new Date(),
  });
  if (!saved.ok) throw new Error("could not connect test account");
  return { user: saved.user, accountId: account.id };
}

export async function sentInvoice(
  db: Database,
  user: User,
  overrides: Partial<InvoiceValues> = {},
): Promise<{ invoiceId: string; token: string }> {
  const customer = await createCustomer(db, user.id, {
    name: "Buyer",
    email: "buyer@example.test",
    phone: null,
    address: null,
    taxId: null,
  });
  const invoice = await createInvoice(
    db,
    { userId: user.id },
    oneLineInvoice(customer.id, { taxRateBps: 2000 }, overrides),
  );
  signInAs(user.id);
  const sent = await sendInvoiceAction({ invoiceId: invoice.id });
  if (!sent.ok) throw new Error(sent.error.message);
  const { getInvoice } = await import("@/db/queries/invoices");
  const row = await getInvoice(db, { userId: user.id, invoiceId: invoice.id });
  if (!row?.payToken) throw new Error("no pay token");
  return { invoiceId: invoice.id, token: row.payToken };
}
