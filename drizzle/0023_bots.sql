CREATE TABLE "bot_backtests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"strategy" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"leverage" integer NOT NULL,
	"params" jsonb NOT NULL,
	"filters" jsonb NOT NULL,
	"source" jsonb NOT NULL,
	"starting_balance" numeric NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"candles" integer,
	"results" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_backtests_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_backtests_status" CHECK ("bot_backtests"."status" in ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "bot_backtests_strategy" CHECK ("bot_backtests"."strategy" in ('balance_martingale', 'dca_ladder'))
);
--> statement-breakpoint
ALTER TABLE "bot_backtests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bot_deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"entry_price" numeric,
	"average_price" numeric,
	"size" numeric DEFAULT '0' NOT NULL,
	"max_size" numeric DEFAULT '0' NOT NULL,
	"safety_orders_filled" integer DEFAULT 0 NOT NULL,
	"realised_pnl" numeric DEFAULT '0' NOT NULL,
	"fees" numeric DEFAULT '0' NOT NULL,
	"close_reason" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_deals_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_deals_status" CHECK ("bot_deals"."status" in ('open', 'closed', 'liquidated')),
	CONSTRAINT "bot_deals_side" CHECK ("bot_deals"."side" in ('long', 'short'))
);
--> statement-breakpoint
ALTER TABLE "bot_deals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bot_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"deal_id" uuid,
	"client_order_id" text NOT NULL,
	"exchange_order_id" text,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"purpose" text NOT NULL,
	"price" numeric,
	"qty" numeric NOT NULL,
	"filled_qty" numeric DEFAULT '0' NOT NULL,
	"average_fill_price" numeric,
	"reduce_only" boolean DEFAULT false NOT NULL,
	"post_only" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_orders_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_orders_side" CHECK ("bot_orders"."side" in ('buy', 'sell')),
	CONSTRAINT "bot_orders_type" CHECK ("bot_orders"."type" in ('market', 'limit')),
	CONSTRAINT "bot_orders_status" CHECK ("bot_orders"."status" in ('open', 'filled', 'partially_filled', 'cancelled', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "bot_orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bot_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"leverage" integer NOT NULL,
	"automatic" boolean DEFAULT true NOT NULL,
	"params" jsonb NOT NULL,
	"filters" jsonb NOT NULL,
	"state" jsonb,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_pairs_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_pairs_side" CHECK ("bot_pairs"."side" in ('long', 'short')),
	CONSTRAINT "bot_pairs_leverage" CHECK ("bot_pairs"."leverage" between 1 and 125)
);
--> statement-breakpoint
ALTER TABLE "bot_pairs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bot_run_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"duration_ms" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_run_logs_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_run_logs_status" CHECK ("bot_run_logs"."status" in ('running', 'succeeded', 'failed', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "bot_run_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bot_trades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bot_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"deal_id" uuid,
	"order_id" uuid,
	"symbol" text NOT NULL,
	"action" text NOT NULL,
	"qty" numeric NOT NULL,
	"price" numeric NOT NULL,
	"fee" numeric DEFAULT '0' NOT NULL,
	"pnl" numeric,
	"pnl_pct" numeric,
	"balance_after" numeric,
	"position_value" numeric,
	"margin_level" numeric,
	"liquidation" boolean DEFAULT false NOT NULL,
	"fill_key" text NOT NULL,
	"executed_at" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bot_trades_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bot_trades_action" CHECK ("bot_trades"."action" in ('OPENED', 'ADDED', 'REDUCED', 'CLOSED'))
);
--> statement-breakpoint
ALTER TABLE "bot_trades" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"exchange" text NOT NULL,
	"testnet" boolean DEFAULT true NOT NULL,
	"credentials_sealed" text,
	"credentials_hint" text,
	"strategy" text NOT NULL,
	"status" text DEFAULT 'inactive' NOT NULL,
	"run_interval_minutes" integer DEFAULT 5 NOT NULL,
	"quote_currency" text DEFAULT 'USDT' NOT NULL,
	"paper_starting_balance" numeric,
	"paper_account" jsonb,
	"notify" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"error_reason" text,
	"last_run_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "bots_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "bots_status" CHECK ("bots"."status" in ('inactive', 'active', 'paused', 'error')),
	CONSTRAINT "bots_exchange" CHECK ("bots"."exchange" in ('paper', 'bybit', 'phemex', 'binance')),
	CONSTRAINT "bots_strategy" CHECK ("bots"."strategy" in ('balance_martingale', 'dca_ladder')),
	CONSTRAINT "bots_run_interval" CHECK ("bots"."run_interval_minutes" between 1 and 1440)
);
--> statement-breakpoint
ALTER TABLE "bots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "bot_backtests" ADD CONSTRAINT "bot_backtests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_backtests" ADD CONSTRAINT "bot_backtests_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_deals" ADD CONSTRAINT "bot_deals_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_deals" ADD CONSTRAINT "bot_deals_bot_fk" FOREIGN KEY ("tenant_id","bot_id") REFERENCES "public"."bots"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_deals" ADD CONSTRAINT "bot_deals_pair_fk" FOREIGN KEY ("tenant_id","pair_id") REFERENCES "public"."bot_pairs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_orders" ADD CONSTRAINT "bot_orders_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_orders" ADD CONSTRAINT "bot_orders_bot_fk" FOREIGN KEY ("tenant_id","bot_id") REFERENCES "public"."bots"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_orders" ADD CONSTRAINT "bot_orders_pair_fk" FOREIGN KEY ("tenant_id","pair_id") REFERENCES "public"."bot_pairs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_orders" ADD CONSTRAINT "bot_orders_deal_fk" FOREIGN KEY ("tenant_id","deal_id") REFERENCES "public"."bot_deals"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_pairs" ADD CONSTRAINT "bot_pairs_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_pairs" ADD CONSTRAINT "bot_pairs_bot_fk" FOREIGN KEY ("tenant_id","bot_id") REFERENCES "public"."bots"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_run_logs" ADD CONSTRAINT "bot_run_logs_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_run_logs" ADD CONSTRAINT "bot_run_logs_bot_fk" FOREIGN KEY ("tenant_id","bot_id") REFERENCES "public"."bots"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_trades" ADD CONSTRAINT "bot_trades_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_trades" ADD CONSTRAINT "bot_trades_bot_fk" FOREIGN KEY ("tenant_id","bot_id") REFERENCES "public"."bots"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_trades" ADD CONSTRAINT "bot_trades_pair_fk" FOREIGN KEY ("tenant_id","pair_id") REFERENCES "public"."bot_pairs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_trades" ADD CONSTRAINT "bot_trades_deal_fk" FOREIGN KEY ("tenant_id","deal_id") REFERENCES "public"."bot_deals"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_trades" ADD CONSTRAINT "bot_trades_order_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."bot_orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_tenant_id_workspaces_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_backtests_tenant_created_idx" ON "bot_backtests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_deals_pair_seq_idx" ON "bot_deals" USING btree ("tenant_id","pair_id","seq");--> statement-breakpoint
CREATE INDEX "bot_deals_tenant_bot_opened_idx" ON "bot_deals" USING btree ("tenant_id","bot_id","opened_at");--> statement-breakpoint
CREATE INDEX "bot_deals_tenant_closed_idx" ON "bot_deals" USING btree ("tenant_id","closed_at") WHERE "bot_deals"."status" <> 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "bot_orders_client_order_idx" ON "bot_orders" USING btree ("tenant_id","client_order_id");--> statement-breakpoint
CREATE INDEX "bot_orders_tenant_bot_created_idx" ON "bot_orders" USING btree ("tenant_id","bot_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_pairs_bot_symbol_idx" ON "bot_pairs" USING btree ("tenant_id","bot_id","symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_run_logs_bot_slot_idx" ON "bot_run_logs" USING btree ("tenant_id","bot_id","slot");--> statement-breakpoint
CREATE INDEX "bot_run_logs_tenant_bot_created_idx" ON "bot_run_logs" USING btree ("tenant_id","bot_id","created_at");--> statement-breakpoint
CREATE INDEX "bot_trades_tenant_bot_executed_idx" ON "bot_trades" USING btree ("tenant_id","bot_id","executed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_trades_fill_idx" ON "bot_trades" USING btree ("tenant_id","fill_key");--> statement-breakpoint
CREATE INDEX "bots_tenant_created_idx" ON "bots" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "bots_due_idx" ON "bots" USING btree ("next_run_at") WHERE "bots"."status" = 'active';--> statement-breakpoint
CREATE POLICY "bot_backtests_tenant_isolation" ON "bot_backtests" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bot_deals_tenant_isolation" ON "bot_deals" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bot_orders_tenant_isolation" ON "bot_orders" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bot_pairs_tenant_isolation" ON "bot_pairs" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bot_run_logs_tenant_isolation" ON "bot_run_logs" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bot_trades_tenant_isolation" ON "bot_trades" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "bots_tenant_isolation" ON "bots" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);