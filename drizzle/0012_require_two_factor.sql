ALTER TABLE "workspaces" ADD COLUMN "require_two_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Which of the workspace's members have two-factor on (Settings → Members, and whether an owner
-- may require it) is asked from a tenant transaction, yet app_user may read only users' public
-- columns. This answers that one question for the current tenant's members only (app.tenant_id,
-- as the policies read it), owned by app_system so it can see users, and reveals nothing else.
CREATE OR REPLACE FUNCTION members_with_two_factor() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), ''))::uuid
    AND u.totp_enabled_at IS NOT NULL
$$;
--> statement-breakpoint
ALTER FUNCTION members_with_two_factor() OWNER TO app_system;
--> statement-breakpoint
REVOKE ALL ON FUNCTION members_with_two_factor() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION members_with_two_factor() TO app_user;
