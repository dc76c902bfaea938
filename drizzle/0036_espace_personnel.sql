CREATE TABLE "resident_spaces" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"sign_in_channel" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"opened_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_spaces_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_spaces" ADD CONSTRAINT "resident_spaces_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_spaces" ADD CONSTRAINT "resident_spaces_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_spaces" ADD CONSTRAINT "resident_spaces_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_spaces" ADD CONSTRAINT "resident_spaces_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_spaces_person_idx" ON "resident_spaces" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_spaces_open_idx" ON "resident_spaces" USING btree ("structure_id","person_id") WHERE closed_at is null;