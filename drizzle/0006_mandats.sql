CREATE TABLE "mandate_acts" (
	"structure_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"mandate_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"solicitation_id" uuid,
	"area" text NOT NULL,
	"procedure" text,
	"online_service" text NOT NULL,
	"what_done" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"actor_id" uuid NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "mandate_acts_structure_id_seq_pk" PRIMARY KEY("structure_id","seq")
);
--> statement-breakpoint
CREATE TABLE "mandate_journal_heads" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"mediator_id" uuid NOT NULL,
	"areas" text[] NOT NULL,
	"duration" text NOT NULL,
	"consent_items" text[] NOT NULL,
	"no_protection_measure" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature_method" text,
	"signed_at" timestamp with time zone,
	"signer_name" text,
	"signature_trace" text,
	"paper_signed_on" date,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_reason" text,
	"renewal_of" uuid,
	CONSTRAINT "mandates_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "mandate_acts" ADD CONSTRAINT "mandate_acts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_acts" ADD CONSTRAINT "mandate_acts_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_acts" ADD CONSTRAINT "mandate_acts_structure_id_mandate_id_mandates_structure_id_id_fk" FOREIGN KEY ("structure_id","mandate_id") REFERENCES "public"."mandates"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_journal_heads" ADD CONSTRAINT "mandate_journal_heads_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mandate_acts_person_idx" ON "mandate_acts" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE INDEX "mandates_person_idx" ON "mandates" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE INDEX "mandates_expiry_idx" ON "mandates" USING btree ("structure_id","expires_at");