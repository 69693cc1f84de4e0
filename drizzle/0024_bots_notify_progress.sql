ALTER TABLE "bot_backtests" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "telegram_token_sealed" text;