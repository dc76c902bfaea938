CREATE TABLE "resident_identities" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject_hash" text NOT NULL,
	"claimed" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_identities_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_identities" ADD CONSTRAINT "resident_identities_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_identities" ADD CONSTRAINT "resident_identities_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_identities" ADD CONSTRAINT "resident_identities_structure_id_space_id_resident_spaces_structure_id_id_fk" FOREIGN KEY ("structure_id","space_id") REFERENCES "public"."resident_spaces"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_identities" ADD CONSTRAINT "resident_identities_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resident_identities_subject_idx" ON "resident_identities" USING btree ("provider","subject_hash","space_id");--> statement-breakpoint
CREATE INDEX "resident_identities_person_idx" ON "resident_identities" USING btree ("structure_id","person_id");