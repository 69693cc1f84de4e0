ALTER TABLE "email_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "email_outbox_queued_idx" ON "email_outbox" USING btree ("created_at") WHERE status = 'queued';--> statement-breakpoint
-- Tenant transactions queue emails with the change that causes them (an invitation): insert only,
-- so a workspace can write a message but never read anyone's mail.
GRANT INSERT ON "email_outbox" TO app_user;