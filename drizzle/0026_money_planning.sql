CREATE TABLE "money_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'expense' NOT NULL,
	"color" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_categories_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_categories_kind" CHECK ("money_categories"."kind" in ('expense', 'income'))
);
--> statement-breakpoint
ALTER TABLE "money_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL,
	"mapping" jsonb,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"preview_rows" jsonb,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_imports_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_imports_status" CHECK ("money_imports"."status" in ('uploaded', 'reading', 'ready', 'committing', 'completed', 'partial', 'failed', 'rolled_back')),
	CONSTRAINT "money_imports_progress" CHECK ("money_imports"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "money_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"color" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"description" text,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_tags_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_tags_namespace" CHECK ("money_tags"."namespace" in ('bucket', 'occasion', 'account'))
);
--> statement-breakpoint
ALTER TABLE "money_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_transaction_splits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transaction_id" uuid NOT NULL,
	"category_id" uuid,
	"bucket" text DEFAULT 'none' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"memo" text,
	"position" integer DEFAULT 0 NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_transaction_splits_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_transaction_splits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_import_formats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"header_signature" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"use_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_import_formats_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_import_formats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_merchant_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pattern" text NOT NULL,
	"kind" text DEFAULT 'contains' NOT NULL,
	"merchant" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"match_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_merchant_aliases_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_merchant_aliases_kind" CHECK ("money_merchant_aliases"."kind" in ('exact', 'contains', 'regex'))
);
--> statement-breakpoint
ALTER TABLE "money_merchant_aliases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"match" text DEFAULT 'all' NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"match_count" integer DEFAULT 0 NOT NULL,
	"last_matched_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_rules_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_rules_match" CHECK ("money_rules"."match" in ('all', 'any'))
);
--> statement-breakpoint
ALTER TABLE "money_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_budget_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"threshold" integer NOT NULL,
	"spent_minor" bigint NOT NULL,
	"limit_minor" bigint NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_budget_alerts_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_budget_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"bucket" text,
	"period" text DEFAULT 'monthly' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"rollover" boolean DEFAULT false NOT NULL,
	"thresholds" integer[] DEFAULT '{80,100}'::integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_budgets_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_budgets_period" CHECK ("money_budgets"."period" in ('monthly', 'yearly')),
	CONSTRAINT "money_budgets_target" CHECK (("money_budgets"."category_id" is null) <> ("money_budgets"."bucket" is null)),
	CONSTRAINT "money_budgets_amount" CHECK ("money_budgets"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "money_budgets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_dashboard_widgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"type" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"width" text DEFAULT 'half' NOT NULL,
	"visible" boolean DEFAULT true NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_dashboard_widgets_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_dashboard_widgets_width" CHECK ("money_dashboard_widgets"."width" in ('half', 'full'))
);
--> statement-breakpoint
ALTER TABLE "money_dashboard_widgets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_dashboards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"date_range" text DEFAULT 'month_to_date' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_dashboards_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_dashboards_date_range" CHECK ("money_dashboards"."date_range" in ('month_to_date', 'quarter_to_date', 'year_to_date', 'last_30_days', 'last_90_days', 'last_year'))
);
--> statement-breakpoint
ALTER TABLE "money_dashboards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_member_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"weekly_summary" boolean DEFAULT false NOT NULL,
	"last_weekly_sent_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_member_settings_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_member_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_recurring_patterns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_key" text NOT NULL,
	"decision" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"confirmed_amount_minor" bigint,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_recurring_patterns_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_recurring_patterns_decision" CHECK ("money_recurring_patterns"."decision" in ('confirmed', 'dismissed')),
	CONSTRAINT "money_recurring_patterns_status" CHECK ("money_recurring_patterns"."status" in ('active', 'paused', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "money_recurring_patterns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"use_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_saved_filters_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_saved_filters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cache_version" bigint DEFAULT 0 NOT NULL,
	"defaults_seeded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_settings_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "money_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD COLUMN "bucket" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD COLUMN "is_transfer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD COLUMN "transfer_id" uuid;--> statement-breakpoint
ALTER TABLE "money_categories" ADD CONSTRAINT "money_categories_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_imports" ADD CONSTRAINT "money_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_imports" ADD CONSTRAINT "money_imports_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_imports" ADD CONSTRAINT "money_imports_account_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."money_accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_imports" ADD CONSTRAINT "money_imports_batch_fk" FOREIGN KEY ("tenant_id","batch_id") REFERENCES "public"."money_import_batches"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_tags" ADD CONSTRAINT "money_tags_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_tags" ADD CONSTRAINT "money_tags_account_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."money_accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transaction_splits" ADD CONSTRAINT "money_transaction_splits_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transaction_splits" ADD CONSTRAINT "money_transaction_splits_transaction_fk" FOREIGN KEY ("tenant_id","transaction_id") REFERENCES "public"."money_transactions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transaction_splits" ADD CONSTRAINT "money_transaction_splits_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."money_categories"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_formats" ADD CONSTRAINT "money_import_formats_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_formats" ADD CONSTRAINT "money_import_formats_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_merchant_aliases" ADD CONSTRAINT "money_merchant_aliases_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_rules" ADD CONSTRAINT "money_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_rules" ADD CONSTRAINT "money_rules_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_budget_alerts" ADD CONSTRAINT "money_budget_alerts_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_budget_alerts" ADD CONSTRAINT "money_budget_alerts_budget_fk" FOREIGN KEY ("tenant_id","budget_id") REFERENCES "public"."money_budgets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_budgets" ADD CONSTRAINT "money_budgets_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_budgets" ADD CONSTRAINT "money_budgets_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."money_categories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_dashboard_widgets" ADD CONSTRAINT "money_dashboard_widgets_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_dashboard_widgets" ADD CONSTRAINT "money_dashboard_widgets_dashboard_fk" FOREIGN KEY ("tenant_id","dashboard_id") REFERENCES "public"."money_dashboards"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_dashboards" ADD CONSTRAINT "money_dashboards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_dashboards" ADD CONSTRAINT "money_dashboards_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_member_settings" ADD CONSTRAINT "money_member_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_member_settings" ADD CONSTRAINT "money_member_settings_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_recurring_patterns" ADD CONSTRAINT "money_recurring_patterns_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_recurring_patterns" ADD CONSTRAINT "money_recurring_patterns_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_saved_filters" ADD CONSTRAINT "money_saved_filters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_saved_filters" ADD CONSTRAINT "money_saved_filters_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_settings" ADD CONSTRAINT "money_settings_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "money_categories_name_idx" ON "money_categories" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "money_imports_tenant_created_idx" ON "money_imports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "money_tags_name_idx" ON "money_tags" USING btree ("tenant_id","namespace","name");--> statement-breakpoint
CREATE INDEX "money_transaction_splits_transaction_idx" ON "money_transaction_splits" USING btree ("tenant_id","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "money_import_formats_name_idx" ON "money_import_formats" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "money_import_formats_signature_idx" ON "money_import_formats" USING btree ("tenant_id","header_signature");--> statement-breakpoint
CREATE UNIQUE INDEX "money_merchant_aliases_pattern_idx" ON "money_merchant_aliases" USING btree ("tenant_id","kind","pattern");--> statement-breakpoint
CREATE INDEX "money_rules_priority_idx" ON "money_rules" USING btree ("tenant_id","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "money_budget_alerts_once_idx" ON "money_budget_alerts" USING btree ("tenant_id","budget_id","period_start","threshold");--> statement-breakpoint
CREATE UNIQUE INDEX "money_budgets_target_idx" ON "money_budgets" USING btree ("tenant_id","period",coalesce("category_id"::text, 'bucket:' || "bucket"));--> statement-breakpoint
CREATE INDEX "money_dashboard_widgets_dashboard_idx" ON "money_dashboard_widgets" USING btree ("tenant_id","dashboard_id","position");--> statement-breakpoint
CREATE INDEX "money_dashboards_user_idx" ON "money_dashboards" USING btree ("tenant_id","user_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "money_dashboards_default_idx" ON "money_dashboards" USING btree ("tenant_id","user_id") WHERE "money_dashboards"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "money_member_settings_user_idx" ON "money_member_settings" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "money_recurring_patterns_key_idx" ON "money_recurring_patterns" USING btree ("tenant_id","merchant_key");--> statement-breakpoint
CREATE UNIQUE INDEX "money_saved_filters_name_idx" ON "money_saved_filters" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "money_settings_tenant_idx" ON "money_settings" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "money_transactions" ADD CONSTRAINT "money_transactions_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."money_categories"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "money_transactions_booked_idx" ON "money_transactions" USING btree ("tenant_id","booked_on");--> statement-breakpoint
CREATE INDEX "money_transactions_search_idx" ON "money_transactions" USING gin (to_tsvector('simple', "payee" || ' ' || coalesce("memo", '') || ' ' || coalesce("notes", '')));--> statement-breakpoint
CREATE POLICY "money_categories_tenant_isolation" ON "money_categories" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_imports_tenant_isolation" ON "money_imports" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_tags_tenant_isolation" ON "money_tags" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_transaction_splits_tenant_isolation" ON "money_transaction_splits" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_import_formats_tenant_isolation" ON "money_import_formats" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_merchant_aliases_tenant_isolation" ON "money_merchant_aliases" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_rules_tenant_isolation" ON "money_rules" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_budget_alerts_tenant_isolation" ON "money_budget_alerts" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_budgets_tenant_isolation" ON "money_budgets" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_dashboard_widgets_tenant_isolation" ON "money_dashboard_widgets" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_dashboards_tenant_isolation" ON "money_dashboards" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_member_settings_tenant_isolation" ON "money_member_settings" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_recurring_patterns_tenant_isolation" ON "money_recurring_patterns" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_saved_filters_tenant_isolation" ON "money_saved_filters" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_settings_tenant_isolation" ON "money_settings" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);