-- Travaux différés, messages sortants et liens signés des lieux sans compte : vocabulaires doublés en base, RLS
-- forcée. jobs et outbox appartiennent à une structure, comme le reste. referral_links appartient à la structure
-- qui oriente ; le porteur d'un lien vérifié par le serveur (réglage relais.referral_link) ne voit que cette ligne,
-- tant qu'elle n'a ni expiré ni été retirée, et n'y écrit que sa réponse tant qu'elle n'est pas close.
ALTER TABLE jobs ADD CONSTRAINT jobs_status CHECK (status IN ('en_attente', 'en_cours', 'fait', 'echec'));
--> statement-breakpoint
ALTER TABLE jobs ADD CONSTRAINT jobs_attempts CHECK (attempts >= 0);
--> statement-breakpoint
ALTER TABLE outbox ADD CONSTRAINT outbox_status CHECK (status IN ('en_attente', 'en_cours', 'envoye', 'echec'));
--> statement-breakpoint
ALTER TABLE outbox ADD CONSTRAINT outbox_channel CHECK (channel IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE outbox ADD CONSTRAINT outbox_attempts CHECK (attempts >= 0);
--> statement-breakpoint
ALTER TABLE referral_links ADD CONSTRAINT referral_links_channel CHECK (channel IN ('seule', 'rendez_vous', 'accompagnee'));
--> statement-breakpoint
ALTER TABLE referral_links ADD CONSTRAINT referral_links_status CHECK (status IN ('envoyee', 'prise_en_compte', 'close'));
--> statement-breakpoint
ALTER TABLE referral_links ADD CONSTRAINT referral_links_outcome CHECK (
  (status = 'close') = (outcome IS NOT NULL)
  AND (outcome IS NULL OR outcome IN ('venue', 'accompagnee', 'non_venue', 'reorientee', 'refusee'))
  AND ((outcome = 'refusee') = (refusal_reason IS NOT NULL)));
--> statement-breakpoint
ALTER TABLE referral_links ADD CONSTRAINT referral_links_expiry CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE referrals ADD CONSTRAINT referrals_reminder_count CHECK (reminder_count >= 0);
--> statement-breakpoint
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY jobs_structure ON jobs
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs TO relais_app;
--> statement-breakpoint
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outbox_structure ON outbox
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO relais_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_referral_link() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT relais_setting('relais.referral_link')::uuid $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_referral_link() TO relais_app;
--> statement-breakpoint
ALTER TABLE referral_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referral_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY referral_links_structure ON referral_links
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
CREATE POLICY referral_links_porteur ON referral_links FOR SELECT
  USING (id = relais_referral_link() AND revoked_at IS NULL AND expires_at > now());
--> statement-breakpoint
CREATE POLICY referral_links_reponse ON referral_links FOR UPDATE
  USING (id = relais_referral_link() AND revoked_at IS NULL AND expires_at > now() AND status <> 'close')
  WITH CHECK (id = relais_referral_link() AND revoked_at IS NULL);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON referral_links TO relais_app;
