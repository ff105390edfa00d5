ALTER TABLE "business_profiles" ADD COLUMN "invoice_email_subject" text;--> statement-breakpoint
ALTER TABLE "business_profiles" ADD COLUMN "invoice_email_message" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "cc" text[] DEFAULT '{}'::text[] NOT NULL;