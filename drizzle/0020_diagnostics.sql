CREATE TABLE "diagnoses" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"block_scores" jsonb NOT NULL,
	"overall_score" integer NOT NULL,
	"computed_level" text NOT NULL,
	"level" text NOT NULL,
	"level_reason" text,
	"autonomy" text NOT NULL,
	"freins" text[] DEFAULT '{}'::text[] NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "diagnoses_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "peer_helpers" (
	"structure_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"skills" text[] NOT NULL,
	"availability" text,
	"consent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consent_by" uuid NOT NULL,
	CONSTRAINT "peer_helpers_structure_id_person_id_pk" PRIMARY KEY("structure_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"diagnosis_id" uuid,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"place_id" uuid,
	"helper_person_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'a_faire' NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "plan_steps_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_helpers" ADD CONSTRAINT "peer_helpers_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_helpers" ADD CONSTRAINT "peer_helpers_consent_by_users_id_fk" FOREIGN KEY ("consent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_helpers" ADD CONSTRAINT "peer_helpers_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_structure_id_diagnosis_id_diagnoses_structure_id_id_fk" FOREIGN KEY ("structure_id","diagnosis_id") REFERENCES "public"."diagnoses"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_structure_id_place_id_places_structure_id_id_fk" FOREIGN KEY ("structure_id","place_id") REFERENCES "public"."places"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_structure_id_helper_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","helper_person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnoses_person_idx" ON "diagnoses" USING btree ("structure_id","person_id","created_at");--> statement-breakpoint
CREATE INDEX "diagnoses_time_idx" ON "diagnoses" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_steps_person_idx" ON "plan_steps" USING btree ("structure_id","person_id");