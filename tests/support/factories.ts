import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import { createUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import type { InvoiceValues } from "@/lib/invoices/schema";

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct-horse-battery";

export async function createTestUser(
  db: Database,
  overrides: { email?: string; businessName?: string } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const result = await createUser(db, {
    email: overrides.email ?? `user-${randomUUID()}@example.test`,
    name: "Test User",
    businessName: overrides.businessName ?? "Test Business",
    passwordHash: await passwordHash,
  });
  if (!result.ok) throw new Error("could not create test user");
  return result.user;
}

export const threeItemInvoice = (customerId: string) => ({
  customerId,
  currency: "gbp",
  issueDate: "2026-11-01",
  dueDate: "2026-11-15",
  notes: "Thanks",
  items: [
    { description: "Design", quantity: "3", unitPrice: "19.99", taxRate: "" },
    { description: "Hosting", quantity: "1.5", unitPrice: "10.00", taxRate: "20" },
    { description: "Domain", quantity: "1", unitPrice: "0.05", taxRate: "20" },
  ],
});

/** One line, 1 × "Work", in the invoice service's own values: its total is the unit amount plus tax. */
export function oneLineInvoice(
  customerId: string,
  line: { currency?: string; unitAmountMinor?: number; taxRateBps?: number | null } = {},
  extra: Partial<InvoiceValues> = {},
): InvoiceValues {
  return {
    customerId,
    currency: line.currency ?? "gbp",
    issueDate: "2026-11-01",
    dueDate: "2026-11-30",
    notes: null,
    allowPartialPayments: false,
    partialMinimumMinor: null,
    items: [
      {
        description: "Work",
        quantityMilli: 1000,
        unitAmountMinor: line.unitAmountMinor ?? 10_000,
        taxRateBps: line.taxRateBps ?? null,
      },
    ],
    ...extra,
  };
}
