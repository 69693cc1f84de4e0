-- Whether a workspace address is free is the one question about other workspaces that a tenant
-- transaction must ask (changing a slug runs as app_user). This answers only true/false, owned by
-- app_system (BYPASSRLS) so it sees every workspace, and reveals nothing else.
CREATE OR REPLACE FUNCTION slug_taken(candidate text, tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM workspaces WHERE slug = candidate AND id IS DISTINCT FROM tenant)
      OR EXISTS (SELECT 1 FROM workspace_slug_redirects WHERE old_slug = candidate AND tenant_id IS DISTINCT FROM tenant)
$$;
--> statement-breakpoint
ALTER FUNCTION slug_taken(text, uuid) OWNER TO app_system;
--> statement-breakpoint
REVOKE ALL ON FUNCTION slug_taken(text, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION slug_taken(text, uuid) TO app_user;
