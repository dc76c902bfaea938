CREATE TABLE "referral_handoffs" (
	"structure_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sender_structure_id" uuid NOT NULL,
	"sender_name" text NOT NULL,
	"sender_agent_name" text NOT NULL,
	"place_name" text NOT NULL,
	"person_name" text NOT NULL,
	"person_contact" text,
	"reason" text NOT NULL,
	"to_bring" text,
	"channel" text NOT NULL,
	"appointment_at" timestamp with time zone,
	"status" text DEFAULT 'envoyee' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"outcome" text,
	"refusal_reason" text,
	"comment" text,
	"outcome_at" timestamp with time zone,
	"outcome_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_handoffs_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"solicitation_id" uuid,
	"place_id" uuid NOT NULL,
	"partner_structure_id" uuid,
	"reason" text NOT NULL,
	"to_bring" text,
	"channel" text NOT NULL,
	"appointment_at" timestamp with time zone,
	"consent_share" boolean NOT NULL,
	"status" text DEFAULT 'envoyee' NOT NULL,
	"outcome" text,
	"refusal_reason" text,
	"outcome_comment" text,
	"outcome_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "referrals_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "partner_structure_id" uuid;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "referral_reminder_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_handoffs" ADD CONSTRAINT "referral_handoffs_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_handoffs" ADD CONSTRAINT "referral_handoffs_sender_structure_id_structures_id_fk" FOREIGN KEY ("sender_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_handoffs" ADD CONSTRAINT "referral_handoffs_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_handoffs" ADD CONSTRAINT "referral_handoffs_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_partner_structure_id_structures_id_fk" FOREIGN KEY ("partner_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_structure_id_place_id_places_structure_id_id_fk" FOREIGN KEY ("structure_id","place_id") REFERENCES "public"."places"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_handoffs_inbox_idx" ON "referral_handoffs" USING btree ("structure_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referral_handoffs_sender_idx" ON "referral_handoffs" USING btree ("sender_structure_id","id");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE INDEX "referrals_time_idx" ON "referrals" USING btree ("structure_id","created_at");--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_partner_structure_id_structures_id_fk" FOREIGN KEY ("partner_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;