import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { stripeAccountOrigin, stripeConnectionStatus } from "./enums";

/** What Stripe still needs from a connected account, as last read (Stripe's `requirements`). */
export type StripeRequirements = {
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  pendingVerification: string[];
  disabledReason: string | null;
  /** Unix seconds, as Stripe gives it. */
  currentDeadline: number | null;
};

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    businessName: text("business_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    // Last number handed out; incremented under the row lock so numbers never repeat.
    lastInvoiceSeq: integer("last_invoice_seq").notNull().default(0),
    stripeAccountId: text("stripe_account_id"),
    stripeConnectionStatus: stripeConnectionStatus("stripe_connection_status"),
    stripeChargesEnabled: boolean("stripe_charges_enabled").notNull().default(false),
    stripeDetailsSubmitted: boolean("stripe_details_submitted").notNull().default(false),
    stripeCountry: text("stripe_country"),
    stripeDefaultCurrency: text("stripe_default_currency"),
    stripeConnectedAt: timestamp("stripe_connected_at", { withTimezone: true }),
    stripeDisconnectedAt: timestamp("stripe_disconnected_at", { withTimezone: true }),
    stripeAccountOrigin: stripeAccountOrigin("stripe_account_origin"),
    // The `card_payments` capability's status (active, pending, inactive, unrequested); null: not read yet.
    stripeCardPayments: text("stripe_card_payments"),
    stripePayoutsEnabled: boolean("stripe_payouts_enabled").notNull().default(false),
    stripeRequirements: jsonb("stripe_requirements").$type<StripeRequirements>(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_stripe_account_id_key").on(t.stripeAccountId),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

// Failed sign-ins per email, kept in the database so every instance slows down the same attacker.
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

export type SignInThrottle = typeof signInThrottles.$inferSelect;
