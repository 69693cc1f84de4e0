CREATE TABLE "workspace_restores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_by" uuid,
	"source" text NOT NULL,
	"source_export_id" uuid,
	"storage_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"report" jsonb,
	"restored_workspace_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "workspace_restores_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "workspace_restores_source" CHECK ("workspace_restores"."source" in ('export', 'upload')),
	CONSTRAINT "workspace_restores_status" CHECK ("workspace_restores"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "workspace_restores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workspace_restores" ADD CONSTRAINT "workspace_restores_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_restores" ADD CONSTRAINT "workspace_restores_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_restores_tenant_created_idx" ON "workspace_restores" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "workspace_restores_tenant_isolation" ON "workspace_restores" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);