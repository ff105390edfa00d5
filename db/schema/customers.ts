import { boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./users";

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    address: text("address"),
    taxId: text("tax_id"),
    // Automatic reminders stop for all of this customer's invoices while true (lib/reminders).
    remindersPaused: boolean("reminders_paused").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("customers_user_id_name_idx").on(t.userId, t.name),
    index("customers_user_id_email_idx").on(t.userId, t.email),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
