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
    // Every session cookie carries the version it was issued under; raising it ends them all (sign-out,
    // "sign out everywhere", a password change). Checked in the same primary-key read as the User.
    sessionVersion: integer("session_version").notNull().default(0),
    // Null until the User follows the link emailed at sign-up (or after an email change).
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    // Two-factor sign-in: the TOTP secret (base32) once confirmed; a pending one while enrolling.
    totpSecret: text("totp_secret"),
    totpPendingSecret: text("totp_pending_secret"),
    // The last time step accepted, so one code cannot be replayed within its window.
    totpLastStep: integer("totp_last_step"),
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
    // When the User closed the dashboard's first-run checklist before finishing it; null: still shown.
    checklistDismissedAt: timestamp("checklist_dismissed_at", { withTimezone: true }),
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
