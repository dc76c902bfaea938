CREATE TABLE "resident_code_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_hash" text NOT NULL,
	"ip_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_codes" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"contact_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_codes_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "resident_sessions" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"space_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"shared_computer" boolean NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_sessions_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_codes" ADD CONSTRAINT "resident_codes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_codes" ADD CONSTRAINT "resident_codes_structure_id_space_id_resident_spaces_structure_id_id_fk" FOREIGN KEY ("structure_id","space_id") REFERENCES "public"."resident_spaces"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_structure_id_space_id_resident_spaces_structure_id_id_fk" FOREIGN KEY ("structure_id","space_id") REFERENCES "public"."resident_spaces"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_code_requests_contact_idx" ON "resident_code_requests" USING btree ("contact_hash","requested_at");--> statement-breakpoint
CREATE INDEX "resident_code_requests_ip_idx" ON "resident_code_requests" USING btree ("ip_hash","requested_at");--> statement-breakpoint
CREATE INDEX "resident_codes_contact_idx" ON "resident_codes" USING btree ("contact_hash","expires_at");--> statement-breakpoint
CREATE INDEX "resident_codes_space_idx" ON "resident_codes" USING btree ("structure_id","space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_sessions_token_idx" ON "resident_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "resident_sessions_space_idx" ON "resident_sessions" USING btree ("structure_id","space_id");