CREATE TABLE "money_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"institution" text,
	"type" text NOT NULL,
	"currency" char(3) NOT NULL,
	"opening_balance_minor" bigint DEFAULT 0 NOT NULL,
	"opening_on" date,
	"external_id" text,
	"credit_limit_minor" bigint,
	"due_day" integer,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_accounts_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_accounts_type" CHECK ("money_accounts"."type" in ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')),
	CONSTRAINT "money_accounts_due_day" CHECK ("money_accounts"."due_day" is null or "money_accounts"."due_day" between 1 and 28)
);
--> statement-breakpoint
ALTER TABLE "money_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"format" text NOT NULL,
	"preset" text,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"rows_duplicate" integer DEFAULT 0 NOT NULL,
	"rows_skipped" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stated_closing_minor" bigint,
	"stated_closing_on" date,
	"computed_closing_minor" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rolled_back_at" timestamp with time zone,
	"rolled_back_by" uuid,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_import_batches_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_import_batches_status" CHECK ("money_import_batches"."status" in ('completed', 'partial', 'rolled_back')),
	CONSTRAINT "money_import_batches_format" CHECK ("money_import_batches"."format" in ('csv', 'ofx', 'qfx', 'qif', 'camt053', 'mt940'))
);
--> statement-breakpoint
ALTER TABLE "money_import_batches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "money_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"batch_id" uuid,
	"booked_on" date NOT NULL,
	"value_on" date,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"payee" text NOT NULL,
	"merchant" text,
	"memo" text,
	"notes" text,
	"status" text DEFAULT 'cleared' NOT NULL,
	"reconciliation" text DEFAULT 'unreconciled' NOT NULL,
	"reference" text,
	"content_hash" text NOT NULL,
	"global_hash" text NOT NULL,
	"source_line" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "money_transactions_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "money_transactions_status" CHECK ("money_transactions"."status" in ('pending', 'cleared')),
	CONSTRAINT "money_transactions_reconciliation" CHECK ("money_transactions"."reconciliation" in ('unreconciled', 'matched', 'manually_entered', 'ignored'))
);
--> statement-breakpoint
ALTER TABLE "money_transactions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "money_accounts" ADD CONSTRAINT "money_accounts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_accounts" ADD CONSTRAINT "money_accounts_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_batches" ADD CONSTRAINT "money_import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_batches" ADD CONSTRAINT "money_import_batches_rolled_back_by_users_id_fk" FOREIGN KEY ("rolled_back_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_batches" ADD CONSTRAINT "money_import_batches_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_import_batches" ADD CONSTRAINT "money_import_batches_account_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."money_accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD CONSTRAINT "money_transactions_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD CONSTRAINT "money_transactions_account_fk" FOREIGN KEY ("tenant_id","account_id") REFERENCES "public"."money_accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_transactions" ADD CONSTRAINT "money_transactions_batch_fk" FOREIGN KEY ("tenant_id","batch_id") REFERENCES "public"."money_import_batches"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "money_accounts_name_idx" ON "money_accounts" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "money_import_batches_file_idx" ON "money_import_batches" USING btree ("tenant_id","account_id","file_hash") WHERE "money_import_batches"."status" <> 'rolled_back';--> statement-breakpoint
CREATE INDEX "money_import_batches_tenant_created_idx" ON "money_import_batches" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "money_transactions_account_booked_idx" ON "money_transactions" USING btree ("tenant_id","account_id","booked_on");--> statement-breakpoint
CREATE INDEX "money_transactions_content_hash_idx" ON "money_transactions" USING btree ("tenant_id","content_hash");--> statement-breakpoint
CREATE INDEX "money_transactions_global_hash_idx" ON "money_transactions" USING btree ("tenant_id","global_hash");--> statement-breakpoint
CREATE INDEX "money_transactions_reference_idx" ON "money_transactions" USING btree ("tenant_id","account_id","reference") WHERE "money_transactions"."reference" is not null;--> statement-breakpoint
CREATE INDEX "money_transactions_batch_idx" ON "money_transactions" USING btree ("tenant_id","batch_id");--> statement-breakpoint
CREATE POLICY "money_accounts_tenant_isolation" ON "money_accounts" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_import_batches_tenant_isolation" ON "money_import_batches" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "money_transactions_tenant_isolation" ON "money_transactions" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);