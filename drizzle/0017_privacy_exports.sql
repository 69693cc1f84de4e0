CREATE TABLE "privacy_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'workspace' NOT NULL,
	"requested_by" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"tables_total" integer DEFAULT 0 NOT NULL,
	"tables_done" integer DEFAULT 0 NOT NULL,
	"rows_done" bigint DEFAULT 0 NOT NULL,
	"storage_key" text,
	"bytes" bigint,
	"sha256" text,
	"error" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "privacy_exports_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "privacy_exports_kind" CHECK ("privacy_exports"."kind" in ('workspace')),
	CONSTRAINT "privacy_exports_status" CHECK ("privacy_exports"."status" in ('queued', 'running', 'ready', 'failed')),
	CONSTRAINT "privacy_exports_progress" CHECK ("privacy_exports"."tables_done" >= 0 and "privacy_exports"."rows_done" >= 0)
);
--> statement-breakpoint
ALTER TABLE "privacy_exports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_exports_tenant_created_idx" ON "privacy_exports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_exports_one_active_idx" ON "privacy_exports" USING btree ("tenant_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE POLICY "privacy_exports_tenant_isolation" ON "privacy_exports" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);