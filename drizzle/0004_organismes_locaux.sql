CREATE TABLE "local_organisations" (
	"structure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"theme" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "local_organisations_structure_id_code_pk" PRIMARY KEY("structure_id","code")
);
--> statement-breakpoint
ALTER TABLE "local_organisations" ADD CONSTRAINT "local_organisations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_organisations" ADD CONSTRAINT "local_organisations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;