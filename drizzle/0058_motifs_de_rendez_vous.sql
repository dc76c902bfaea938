CREATE TABLE "appointment_motifs" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"location_type" text NOT NULL,
	"bookable_by" text NOT NULL,
	"min_notice_minutes" integer DEFAULT 30 NOT NULL,
	"max_days_ahead" integer DEFAULT 92 NOT NULL,
	"organisation" text,
	"instructions" text,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_motifs_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "appointment_motifs" ADD CONSTRAINT "appointment_motifs_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_motifs" ADD CONSTRAINT "appointment_motifs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_motifs_name_idx" ON "appointment_motifs" USING btree ("structure_id",lower("name")) WHERE archived_at is null;--> statement-breakpoint
ALTER TABLE appointment_motifs ADD CONSTRAINT appointment_motifs_valeurs CHECK (
  duration_minutes BETWEEN 5 AND 240 AND duration_minutes % 5 = 0
  AND location_type IN ('sur_place', 'telephone', 'domicile', 'visio')
  AND bookable_by IN ('agents', 'partenaires', 'habitants')
  AND min_notice_minutes BETWEEN 0 AND 10080
  AND max_days_ahead BETWEEN 1 AND 92
  AND length(name) BETWEEN 1 AND 80
);
--> statement-breakpoint
SELECT relais_tenant_table('appointment_motifs', 'SELECT, INSERT, UPDATE');
