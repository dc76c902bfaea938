ALTER TABLE "places" ADD COLUMN "reception_site" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "solicitations" ADD COLUMN "site_id" uuid;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_site_fk" FOREIGN KEY ("structure_id","site_id") REFERENCES "public"."places"("structure_id","id") ON DELETE no action ON UPDATE no action;