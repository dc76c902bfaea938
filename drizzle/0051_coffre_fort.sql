CREATE TABLE "vault_documents" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"issued_on" date,
	"expires_on" date,
	"wrapped_key" text,
	"storage_name" text NOT NULL,
	"sealed_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"page_count" integer NOT NULL,
	"added_by" uuid,
	"added_by_person" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "vault_documents_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "vaults" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"wrapped_key" text,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_by" uuid,
	"destroyed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vaults_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "vault_documents" ADD CONSTRAINT "vault_documents_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_documents" ADD CONSTRAINT "vault_documents_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_documents" ADD CONSTRAINT "vault_documents_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_documents" ADD CONSTRAINT "vault_documents_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaults" ADD CONSTRAINT "vaults_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaults" ADD CONSTRAINT "vaults_consent_by_users_id_fk" FOREIGN KEY ("consent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaults" ADD CONSTRAINT "vaults_structure_id_person_id_persons_structure_id_id_fk" FOREIGN KEY ("structure_id","person_id") REFERENCES "public"."persons"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vault_documents_person_idx" ON "vault_documents" USING btree ("structure_id","person_id","created_at");--> statement-breakpoint
CREATE INDEX "vault_documents_expiry_idx" ON "vault_documents" USING btree ("structure_id","expires_on") WHERE removed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vault_documents_storage_idx" ON "vault_documents" USING btree ("storage_name");--> statement-breakpoint
CREATE UNIQUE INDEX "vaults_person_idx" ON "vaults" USING btree ("structure_id","person_id");