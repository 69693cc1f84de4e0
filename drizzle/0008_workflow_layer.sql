ALTER TABLE "job_runs" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "parent_run_id" uuid;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE INDEX "job_runs_dedupe_idx" ON "job_runs" USING btree ("workflow","dedupe_key","created_at") WHERE dedupe_key is not null;--> statement-breakpoint
CREATE INDEX "job_runs_parent_idx" ON "job_runs" USING btree ("parent_run_id") WHERE parent_run_id is not null;--> statement-breakpoint
CREATE INDEX "job_runs_finished_idx" ON "job_runs" USING btree ("finished_at") WHERE status in ('succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE INDEX "outbox_dispatched_idx" ON "outbox" USING btree ("dispatched_at") WHERE dispatched_at is not null;