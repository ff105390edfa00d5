"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { customerFieldsSchema, customerIdSchema } from "@/lib/customers/schema";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/service";

export const createCustomerAction = authedAction(
  "createCustomer",
  customerFieldsSchema,
  async (fields, { user, db }) => {
    const customer = await createCustomer(db, user.id, fields);
    revalidatePath("/customers");
    return { id: customer.id };
  },
);

export const updateCustomerAction = authedAction(
  "updateCustomer",
  customerFieldsSchema.extend({ customerId: customerIdSchema }),
  async ({ customerId, ...fields }, { user, db }) => {
    await updateCustomer(db, { userId: user.id, customerId, fields });
    revalidatePath("/customers");
    revalidatePath(`/customers/${customerId}`);
    return { id: customerId };
  },
);

export const deleteCustomerAction = authedAction(
  "deleteCustomer",
  z.object({ customerId: customerIdSchema }),
  async ({ customerId }, { user, db }) => {
    await deleteCustomer(db, { userId: user.id, customerId });
    revalidatePath("/customers");
    return { id: customerId };
  },
);
