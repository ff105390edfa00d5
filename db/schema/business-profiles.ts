import { sql } from "drizzle-orm";
import { check, customType, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { refunds } from "./payments";
import { users } from "./users";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

// What a User's documents say about their business. One row per User, created when they first save
// Settings → Business; until then lib/business/profile.ts supplies the defaults.
export const businessProfiles = pgTable(
  "business_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    legalName: text("legal_name"),
    tradingName: text("trading_name"),
    address: text("address"),
    taxId: text("tax_id"),
    contactEmail: text("contact_email"),
    phone: text("phone"),
    // Checked by content (PNG or JPEG signature) and size before it is stored: lib/business/logo.ts.
    logo: bytea("logo"),
    logoType: text("logo_type"),
    brandColour: text("brand_colour").notNull().default("#0f172a"),
    invoicePrefix: text("invoice_prefix").notNull().default("INV-"),
    paymentTermsDays: integer("payment_terms_days").notNull().default(14),
    defaultNotes: text("default_notes"),
    footer: text("footer"),
    // What the send dialog starts from: a subject with {number} and {business} filled in, and a message.
    invoiceEmailSubject: text("invoice_email_subject"),
    invoiceEmailMessage: text("invoice_email_message"),
    // Null until the User picks one: new invoices then follow their Stripe account's currency. (A row
    // exists from sign-up, holding the browser's locale and time zone, so a row is not a choice.)
    defaultCurrency: text("default_currency"),
    locale: text("locale").notNull().default("en-GB"),
    timeZone: text("time_zone").notNull().default("UTC"),
    // Credit notes have their own sequence; like invoice numbers, incremented under the row lock.
    lastCreditNoteSeq: integer("last_credit_note_seq").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    check("business_profiles_brand_colour_hex", sql`${t.brandColour} ~ '^#[0-9a-f]{6}$'`),
    check("business_profiles_currency_lowercase", sql`${t.defaultCurrency} ~ '^[a-z]{3}$'`),
    check("business_profiles_logo_size", sql`${t.logo} is null or octet_length(${t.logo}) <= 524288`),
  ],
);

export type BusinessProfile = typeof businessProfiles.$inferSelect;
export type NewBusinessProfile = typeof businessProfiles.$inferInsert;

// One per refund, numbered when its PDF is first asked for or its email is sent, never renumbered.
export const creditNotes = pgTable(
  "credit_notes",
  {
    refundId: uuid("refund_id")
      .primaryKey()
      .references(() => refunds.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sequence: integer("sequence").notNull(),
    number: text("number").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("credit_notes_user_id_sequence_key").on(t.userId, t.sequence)],
);

export type CreditNote = typeof creditNotes.$inferSelect;
