ALTER TABLE "persons" ADD COLUMN "stats_key" uuid DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "retention_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "solicitations" ADD COLUMN "anonymous_person" uuid;