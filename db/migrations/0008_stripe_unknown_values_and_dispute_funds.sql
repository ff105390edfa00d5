ALTER TYPE "public"."dispute_status" ADD VALUE 'appeal_needs_response';--> statement-breakpoint
ALTER TYPE "public"."dispute_status" ADD VALUE 'appeal_under_review';--> statement-breakpoint
ALTER TYPE "public"."dispute_status" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TYPE "public"."payment_status" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TYPE "public"."refund_status" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "unknown_stripe_status" text;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "evidence_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "evidence_submission_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "funds_withdrawn_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "funds_reinstated_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "funds_currency" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "unknown_stripe_status" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "unknown_stripe_status" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "idempotency_attempt" integer DEFAULT 0 NOT NULL;