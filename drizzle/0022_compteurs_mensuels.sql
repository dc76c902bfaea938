CREATE TABLE "solicitation_month_counts" (
	"structure_id" uuid NOT NULL,
	"month" date NOT NULL,
	"mode" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "solicitation_month_counts_structure_id_month_mode_pk" PRIMARY KEY("structure_id","month","mode")
);
--> statement-breakpoint
ALTER TABLE "solicitation_month_counts" ADD CONSTRAINT "solicitation_month_counts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;