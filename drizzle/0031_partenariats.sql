CREATE TABLE "partnerships" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"status" text DEFAULT 'proposee' NOT NULL,
	"proposed_by" uuid,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "partnerships_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_partner_id_structures_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_pair_idx" ON "partnerships" USING btree (least("structure_id", "partner_id"),greatest("structure_id", "partner_id")) WHERE status in ('proposee', 'acceptee');--> statement-breakpoint
CREATE INDEX "partnerships_partner_idx" ON "partnerships" USING btree ("partner_id");--> statement-breakpoint
-- Partenariats (revue de sécurité, point 10) : une structure ne reçoit les données d'une personne que d'une structure
-- avec qui elle a accepté un partenariat. Chacune des deux voit le partenariat ; la proposante le crée ; seule
-- l'autre l'accepte ou le refuse ; chacune peut y mettre fin.
ALTER TABLE partnerships ADD CONSTRAINT partnerships_status CHECK (status IN ('proposee', 'acceptee', 'refusee', 'terminee'));
--> statement-breakpoint
ALTER TABLE partnerships ADD CONSTRAINT partnerships_elsewhere CHECK (structure_id <> partner_id);
--> statement-breakpoint
ALTER TABLE partnerships ADD CONSTRAINT partnerships_answered CHECK ((status = 'proposee') = (answered_at IS NULL));
--> statement-breakpoint
ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE partnerships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY partnerships_lecture ON partnerships FOR SELECT
  USING (structure_id = relais_structure_id() OR partner_id = relais_structure_id());
--> statement-breakpoint
CREATE POLICY partnerships_proposition ON partnerships FOR INSERT
  WITH CHECK (structure_id = relais_structure_id() AND status = 'proposee');
--> statement-breakpoint
CREATE POLICY partnerships_reponse ON partnerships FOR UPDATE
  USING (partner_id = relais_structure_id() AND status = 'proposee')
  WITH CHECK (partner_id = relais_structure_id() AND status IN ('acceptee', 'refusee'));
--> statement-breakpoint
CREATE POLICY partnerships_fin ON partnerships FOR UPDATE
  USING ((structure_id = relais_structure_id() OR partner_id = relais_structure_id()) AND status IN ('proposee', 'acceptee'))
  WITH CHECK ((structure_id = relais_structure_id() OR partner_id = relais_structure_id()) AND status = 'terminee');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON partnerships TO relais_app;
--> statement-breakpoint
-- Deux structures sont partenaires quand un partenariat entre elles est accepté (dans un sens ou dans l'autre).
CREATE OR REPLACE FUNCTION relais_partners(a uuid, b uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM partnerships p WHERE p.status = 'acceptee'
    AND ((p.structure_id = a AND p.partner_id = b) OR (p.structure_id = b AND p.partner_id = a))) $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_partners(uuid, uuid) TO relais_app;
--> statement-breakpoint
-- Transmettre le minimum d'une orientation suppose le partenariat accepté (la fonction lit partnerships avec les
-- droits de l'appelant : la structure qui oriente voit ses propres partenariats).
DROP POLICY referral_handoffs_envoi ON referral_handoffs;
--> statement-breakpoint
CREATE POLICY referral_handoffs_envoi ON referral_handoffs FOR INSERT
  WITH CHECK (sender_structure_id = relais_structure_id() AND status = 'envoyee' AND relais_partners(sender_structure_id, structure_id));
