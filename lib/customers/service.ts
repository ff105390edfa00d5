import "server-only";
import type { Database } from "@/db";
import {
  type CustomerFields,
  countInvoicesOfCustomer,
  deleteCustomerRow,
  getCustomer,
  insertCustomer,
  updateCustomerRow,
} from "@/db/queries/customers";
import { isForeignKeyViolation } from "@/db/queries/pg-errors";
import { AppError, notFound } from "@/lib/errors";

export function createCustomer(db: Database, userId: string, fields: CustomerFields) {
  return insertCustomer(db, { userId, ...fields });
}

export async function updateCustomer(
  db: Database,
  params: { userId: string; customerId: string; fields: CustomerFields },
) {
  const row = await updateCustomerRow(db, {
    userId: params.userId,
    customerId: params.customerId,
    ...params.fields,
  });
  if (!row) throw notFound("That customer");
  return row;
}

const HAS_INVOICES =
  "This customer has invoices, so it cannot be deleted. Invoices keep their customer for your records.";

export async function deleteCustomer(db: Database, params: { userId: string; customerId: string }) {
  const customer = await getCustomer(db, params);
  if (!customer) throw notFound("That customer");
  if ((await countInvoicesOfCustomer(db, params)) > 0) throw new AppError("conflict", HAS_INVOICES);
  try {
    await deleteCustomerRow(db, params);
  } catch (error) {
    // An invoice created between the check and the delete: the foreign key still refuses.
    if (isForeignKeyViolation(error)) throw new AppError("conflict", HAS_INVOICES);
    throw error;
  }
}
