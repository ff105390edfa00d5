ALTER TABLE "email_outbox" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "recurring_schedules" ADD COLUMN "series_offset" integer DEFAULT 0 NOT NULL;