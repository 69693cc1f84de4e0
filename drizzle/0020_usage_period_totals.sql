CREATE TABLE "usage_period_totals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric" text NOT NULL,
	"period" date NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "usage_period_totals_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "usage_period_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_period_totals" ADD CONSTRAINT "usage_period_totals_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_period_totals_key_idx" ON "usage_period_totals" USING btree ("tenant_id","metric","period");--> statement-breakpoint
CREATE POLICY "usage_period_totals_tenant_isolation" ON "usage_period_totals" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
-- The running totals start from what the ledger already holds.
INSERT INTO "usage_period_totals" ("tenant_id", "metric", "period", "total")
SELECT "tenant_id", "metric", "period", sum("amount") FROM "usage_ledger" GROUP BY "tenant_id", "metric", "period";
