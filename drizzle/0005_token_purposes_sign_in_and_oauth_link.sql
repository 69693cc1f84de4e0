ALTER TYPE "public"."auth_token_purpose" ADD VALUE 'verified_sign_in';--> statement-breakpoint
ALTER TYPE "public"."auth_token_purpose" ADD VALUE 'oauth_link';