ALTER TABLE "appointments" ADD COLUMN "earlier_wanted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "earlier_offers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "earlier_offered_at" timestamp with time zone;