-- users.currency and workspaces.currency are one type (ISO 4217, char(3)); values were always
-- chosen from the currency list, upper-cased here in case an old row wasn't.
ALTER TABLE "users" ALTER COLUMN "currency" SET DATA TYPE char(3) USING upper(trim("currency"))::char(3);--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "currency" SET DEFAULT 'USD';
