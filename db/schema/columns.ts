import { bigint, timestamp } from "drizzle-orm/pg-core";

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

// Minor units fit comfortably in a JS safe integer (Stripe caps amounts at 8 digits); bigint in SQL
// keeps sums over many rows from overflowing.
export const minor = (name: string) => bigint(name, { mode: "number" });
