-- Orientations : vocabulaires et cohérence doublés en base, RLS forcée.
-- referrals appartient à la structure qui oriente. referral_handoffs (le minimum partagé) appartient à la structure
-- qui reçoit ; la structure qui oriente le crée (elle en est l'expéditrice) et en lit la réponse ; seule la
-- structure qui reçoit le met à jour. Une troisième structure n'en voit rien.
ALTER TABLE referrals ADD CONSTRAINT referrals_channel CHECK (channel IN ('seule', 'rendez_vous', 'accompagnee'));
--> statement-breakpoint
ALTER TABLE referrals ADD CONSTRAINT referrals_status CHECK (status IN ('envoyee', 'prise_en_compte', 'close'));
--> statement-breakpoint
ALTER TABLE referrals ADD CONSTRAINT referrals_outcome CHECK (
  (status = 'close') = (outcome IS NOT NULL)
  AND (outcome IS NULL OR outcome IN ('venue', 'accompagnee', 'non_venue', 'reorientee', 'refusee'))
  AND ((outcome = 'refusee') = (refusal_reason IS NOT NULL)));
--> statement-breakpoint
ALTER TABLE referrals ADD CONSTRAINT referrals_share CHECK (partner_structure_id IS NULL OR consent_share);
--> statement-breakpoint
ALTER TABLE referral_handoffs ADD CONSTRAINT referral_handoffs_channel CHECK (channel IN ('seule', 'rendez_vous', 'accompagnee'));
--> statement-breakpoint
ALTER TABLE referral_handoffs ADD CONSTRAINT referral_handoffs_status CHECK (status IN ('envoyee', 'prise_en_compte', 'close'));
--> statement-breakpoint
ALTER TABLE referral_handoffs ADD CONSTRAINT referral_handoffs_outcome CHECK (
  (status = 'close') = (outcome IS NOT NULL)
  AND (outcome IS NULL OR outcome IN ('venue', 'accompagnee', 'non_venue', 'reorientee', 'refusee'))
  AND ((outcome = 'refusee') = (refusal_reason IS NOT NULL)));
--> statement-breakpoint
ALTER TABLE referral_handoffs ADD CONSTRAINT referral_handoffs_elsewhere CHECK (structure_id <> sender_structure_id);
--> statement-breakpoint
ALTER TABLE structures ADD CONSTRAINT structures_referral_reminder_days CHECK (referral_reminder_days BETWEEN 1 AND 30);
--> statement-breakpoint
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY referrals_structure ON referrals
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON referrals TO relais_app;
--> statement-breakpoint
ALTER TABLE referral_handoffs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referral_handoffs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY referral_handoffs_lecture ON referral_handoffs FOR SELECT
  USING (structure_id = relais_structure_id() OR sender_structure_id = relais_structure_id());
--> statement-breakpoint
CREATE POLICY referral_handoffs_envoi ON referral_handoffs FOR INSERT
  WITH CHECK (sender_structure_id = relais_structure_id() AND status = 'envoyee');
--> statement-breakpoint
CREATE POLICY referral_handoffs_reponse ON referral_handoffs FOR UPDATE
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON referral_handoffs TO relais_app;
