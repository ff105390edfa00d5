ALTER TABLE "business_profiles" ALTER COLUMN "default_currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "business_profiles" ALTER COLUMN "default_currency" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "business_profiles" ADD COLUMN "invoice_email_subject" text;--> statement-breakpoint
ALTER TABLE "business_profiles" ADD COLUMN "invoice_email_message" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "cc" text[] DEFAULT '{}'::text[] NOT NULL;