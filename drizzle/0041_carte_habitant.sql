CREATE TABLE "resident_cards" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"card_hash" text NOT NULL,
	"pin_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"issued_by" uuid NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_cards_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_cards" ADD CONSTRAINT "resident_cards_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_cards" ADD CONSTRAINT "resident_cards_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_cards" ADD CONSTRAINT "resident_cards_structure_id_space_id_resident_spaces_structure_id_id_fk" FOREIGN KEY ("structure_id","space_id") REFERENCES "public"."resident_spaces"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resident_cards_card_idx" ON "resident_cards" USING btree ("card_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_cards_valid_idx" ON "resident_cards" USING btree ("structure_id","space_id") WHERE revoked_at is null;