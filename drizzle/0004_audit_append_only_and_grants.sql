ALTER TABLE "workspace_slug_redirects" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "workspace_slug_redirects" TO app_user;
--> statement-breakpoint
-- The audit trail is append-only for everyone: app roles have no UPDATE/DELETE grant, and this
-- trigger stops the owner and app_system too. Deleting a workspace (privacy workflow) is the one
-- exception: it sets app.audit_purge for its own transaction so the cascade can remove the rows.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('app.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_append_only ON "audit_log";
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
