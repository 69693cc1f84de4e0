ALTER TABLE "privacy_exports" DROP CONSTRAINT "privacy_exports_kind";--> statement-breakpoint
DROP INDEX "privacy_exports_one_active_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_exports_one_active_idx" ON "privacy_exports" USING btree ("tenant_id","kind") WHERE status in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_kind" CHECK ("privacy_exports"."kind" in ('workspace', 'backup'));