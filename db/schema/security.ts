import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// Fixed-window counters shared by every app instance (lib/rate-limit). One row per key; the upsert that
// counts a hit takes the row's lock, so concurrent instances never both see the last free slot.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limits_expires_at_idx").on(t.expiresAt)],
);

export type RateLimitRow = typeof rateLimits.$inferSelect;

// Single-use emailed tokens (password reset, email verification). Only a SHA-256 of the token is kept:
// a database reader cannot use a pending link.
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["password_reset", "email_verification", "email_change"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    // The address a verification link confirms (the new one, on an email change).
    email: text("email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_tokens_token_hash_key").on(t.tokenHash),
    index("account_tokens_user_id_idx").on(t.userId, t.purpose),
  ],
);

export type AccountToken = typeof accountTokens.$inferSelect;

// Recovery codes for two-factor sign-in, each stored as an argon2 hash and crossed out when used.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_id_idx").on(t.userId)],
);
