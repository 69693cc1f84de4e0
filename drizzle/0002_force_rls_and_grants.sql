-- drizzle-kit emits ENABLE RLS and the policies; FORCE (so the owner is bound too) and the
-- app_user grants live here. tests/db/rls-catalog.test.ts fails on any tenant table missed.
ALTER TABLE "workspaces" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "job_runs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, UPDATE ON "workspaces" TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships", "invitations", "job_runs", "outbox" TO app_user;
--> statement-breakpoint
-- The audit trail is append-only for the app (issue: audit) — no UPDATE or DELETE grant.
GRANT SELECT, INSERT ON "audit_log" TO app_user;
--> statement-breakpoint
-- Members' names and emails are shown inside a workspace; nothing else of users is readable.
GRANT SELECT ("id", "name", "email", "image") ON "users" TO app_user;
