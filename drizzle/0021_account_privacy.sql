ALTER TYPE "public"."auth_token_purpose" ADD VALUE 'delete_account';--> statement-breakpoint
CREATE TABLE "account_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"steps_total" integer DEFAULT 0 NOT NULL,
	"steps_done" integer DEFAULT 0 NOT NULL,
	"storage_key" text,
	"bytes" bigint,
	"sha256" text,
	"error" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "account_exports_status" CHECK ("account_exports"."status" in ('queued', 'running', 'ready', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "personal_salt" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "personal_digest" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "pseudonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "redaction_mac" text;--> statement-breakpoint
ALTER TABLE "account_exports" ADD CONSTRAINT "account_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_exports_user_created_idx" ON "account_exports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "account_exports_one_active_idx" ON "account_exports" USING btree ("user_id") WHERE status in ('queued', 'running');--> statement-breakpoint
-- Erasing a person (lib/audit/pseudonymise.ts) is the one UPDATE the append-only trail allows,
-- and only inside a transaction that sets app.audit_pseudonymise: once per row, blanking the
-- personal fields and the salt, with every hashed field left exactly as it was. A version 1 row
-- (its hash covers the personal fields themselves) must carry the redaction MAC that takes over.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('app.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('app.audit_pseudonymise', true) = 'on'
    AND OLD.pseudonymised_at IS NULL AND NEW.pseudonymised_at IS NOT NULL
    AND NEW.actor_user_id IS NULL AND NEW.ip IS NULL AND NEW.user_agent IS NULL AND NEW.personal_salt IS NULL
    AND (NEW.id, NEW.tenant_id, NEW.chain, NEW.seq, NEW.action, NEW.target_type, NEW.target_id, NEW.metadata,
         NEW.prev_hash, NEW.hash, NEW.created_at, NEW.hash_version, NEW.personal_digest)
      IS NOT DISTINCT FROM
        (OLD.id, OLD.tenant_id, OLD.chain, OLD.seq, OLD.action, OLD.target_type, OLD.target_id, OLD.metadata,
         OLD.prev_hash, OLD.hash, OLD.created_at, OLD.hash_version, OLD.personal_digest)
    AND (OLD.hash_version = 2 OR NEW.redaction_mac IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP USING ERRCODE = '42501';
END
$$;
