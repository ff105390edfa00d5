import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    account: text("account"),
    apiVersion: text("api_version"),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    // The route stores and acknowledges; a worker applies. Unprocessed rows are that worker's queue: this
    // is when an event is next due (after a failure, or when a worker's lease on it runs out).
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // Set when the event exhausted its retries (lib/stripe/webhooks/retry.ts): no longer claimed until a
    // seller or an operator retries it. Unprocessed either way.
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [
    index("stripe_events_account_idx").on(t.account),
    index("stripe_events_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.processedAt} is null and ${t.failedAt} is null`),
    // The dead letters, for their count and the operator's retry (the due index leaves them out).
    index("stripe_events_failed_idx")
      .on(t.failedAt)
      .where(sql`${t.processedAt} is null and ${t.failedAt} is not null`),
  ],
);

export type StripeEvent = typeof stripeEvents.$inferSelect;

export const oauthStates = pgTable(
  "oauth_states",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Only a hash is stored: a database leak must not yield usable states.
    stateHash: text("state_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_states_state_hash_key").on(t.stateHash),
    index("oauth_states_user_id_idx").on(t.userId),
  ],
);

export type OauthState = typeof oauthStates.$inferSelect;
