-- Roles of DESIGN.md §2. Idempotent: roles are cluster-wide and a second database in the same
-- cluster must not fail here.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_system') THEN
    CREATE ROLE app_system NOLOGIN BYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
-- The role the app connects with switches into these with `set local role`.
GRANT app_user TO CURRENT_USER;
--> statement-breakpoint
GRANT app_system TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_user, app_system;
--> statement-breakpoint
-- app_system reaches every table created from now on; app_user only what later migrations grant.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO app_user, app_system;
