DROP INDEX "stripe_events_due_idx";--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stripe_events_failed_idx" ON "stripe_events" USING btree ("failed_at") WHERE "stripe_events"."processed_at" is null and "stripe_events"."failed_at" is not null;--> statement-breakpoint
CREATE INDEX "stripe_events_due_idx" ON "stripe_events" USING btree ("next_attempt_at") WHERE "stripe_events"."processed_at" is null and "stripe_events"."failed_at" is null;