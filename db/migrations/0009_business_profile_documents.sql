CREATE TYPE "public"."email_attachment_kind" AS ENUM('invoice', 'receipt', 'credit_note');--> statement-breakpoint
CREATE TABLE "business_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text,
	"trading_name" text,
	"address" text,
	"tax_id" text,
	"contact_email" text,
	"phone" text,
	"logo" "bytea",
	"logo_type" text,
	"brand_colour" text DEFAULT '#0f172a' NOT NULL,
	"invoice_prefix" text DEFAULT 'INV-' NOT NULL,
	"payment_terms_days" integer DEFAULT 14 NOT NULL,
	"default_notes" text,
	"footer" text,
	"default_currency" text DEFAULT 'gbp' NOT NULL,
	"locale" text DEFAULT 'en-GB' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"last_credit_note_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_profiles_brand_colour_hex" CHECK ("business_profiles"."brand_colour" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "business_profiles_currency_lowercase" CHECK ("business_profiles"."default_currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "business_profiles_logo_size" CHECK ("business_profiles"."logo" is null or octet_length("business_profiles"."logo") <= 524288)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"refund_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "attachment_kind" "email_attachment_kind";--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "business_profiles" ADD CONSTRAINT "business_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_user_id_sequence_key" ON "credit_notes" USING btree ("user_id","sequence");