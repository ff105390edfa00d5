CREATE TYPE "public"."stripe_account_origin" AS ENUM('oauth', 'platform');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "stripe_account_origin" "stripe_account_origin";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "stripe_card_payments" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "stripe_payouts_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "stripe_requirements" jsonb;--> statement-breakpoint
-- hand-written: every account stored before this migration came through OAuth. Payouts were not read
-- then; charges_enabled is the best guess until the next account.updated or Refresh reads them.
UPDATE "users" SET "stripe_account_origin" = 'oauth', "stripe_payouts_enabled" = "stripe_charges_enabled" WHERE "stripe_account_id" IS NOT NULL;
