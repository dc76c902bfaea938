CREATE TABLE "persons" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text,
	"search_name" text NOT NULL,
	"birth_year" integer,
	"postal_code" text,
	"commune_insee" text,
	"commune_name" text,
	"phone" text,
	"email" text,
	"preferred_contact" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"has_email" text DEFAULT 'inconnu' NOT NULL,
	"accounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent_at" timestamp with time zone,
	"consent_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "persons_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "private_notes" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "private_notes_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "queue_entries" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"display_name" text NOT NULL,
	"reason" text,
	"organisation" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone,
	"taken_by" uuid,
	"left_at" timestamp with time zone,
	"created_by" uuid,
	CONSTRAINT "queue_entries_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "solicitations" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"mediator_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"level" text NOT NULL,
	"mode" text NOT NULL,
	"organisations" text[] NOT NULL,
	"procedure" text,
	"theme" text,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"autonomy" text,
	"duration_minutes" integer NOT NULL,
	"outcome" text NOT NULL,
	"blocked_cause" text,
	"redirection" text,
	"next_step" text,
	"next_step_date" date,
	"notes" text,
	"anonymous_gender" text,
	"anonymous_age_band" text,
	"anonymous_commune" text,
	"queue_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "solicitations_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_consent_by_users_id_fk" FOREIGN KEY ("consent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "private_notes_person_idx" ON "private_notes" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE INDEX "queue_entries_arrival_idx" ON "queue_entries" USING btree ("structure_id","arrived_at");--> statement-breakpoint
CREATE INDEX "solicitations_time_idx" ON "solicitations" USING btree ("structure_id","occurred_at");--> statement-breakpoint
CREATE INDEX "solicitations_person_idx" ON "solicitations" USING btree ("structure_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "solicitations_mediator_idx" ON "solicitations" USING btree ("structure_id","mediator_id","occurred_at");