ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "workspace_slug_redirects" ADD CONSTRAINT "workspace_slug_redirects_tenant_key" UNIQUE("tenant_id","old_slug");