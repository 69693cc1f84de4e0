ALTER TABLE "billing_accounts" ADD COLUMN "trial_reminder_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD COLUMN "preferred_interval" text;