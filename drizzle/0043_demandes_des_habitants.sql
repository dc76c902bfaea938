CREATE TABLE "resident_requests" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text,
	"due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_requests_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_requests_person_idx" ON "resident_requests" USING btree ("structure_id","person_id");--> statement-breakpoint
CREATE INDEX "resident_requests_open_idx" ON "resident_requests" USING btree ("structure_id","due_at") WHERE answered_at is null;