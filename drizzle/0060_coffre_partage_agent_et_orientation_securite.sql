-- Coffre-fort (issue 21) : la personne partage des papiers avec un agent de sa structure qui l'a aidée (il les ouvre
-- sans motif à donner, chaque ouverture notée pour elle), ou avec la structure partenaire où elle est orientée, par
-- l'accord d'orientation (referral_handoffs). La structure destinataire, sous relais_app, lit ce partage, les seuls
-- papiers qu'il nomme et la clé qui les ouvre, tant que le partage court (ni arrêté, ni fini), que le partenariat
-- tient et qu'elle a bien reçu cette orientation de la structure qui partage ; elle note chaque ouverture pour la
-- personne. Une troisième structure ne voit rien.
ALTER TABLE vault_shares DROP CONSTRAINT vault_shares_destinataire;
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_destinataire CHECK (
  (recipient_kind = 'agent' AND recipient_user_id IS NOT NULL AND recipient_email IS NULL AND code_hash IS NULL
    AND access_hash IS NULL AND referral_id IS NULL AND recipient_structure_id IS NULL)
  OR (recipient_kind = 'organisme' AND recipient_email IS NOT NULL AND length(recipient_email) <= 254
    AND recipient_user_id IS NULL AND referral_id IS NULL AND recipient_structure_id IS NULL)
  OR (recipient_kind = 'orientation' AND referral_id IS NOT NULL AND recipient_structure_id IS NOT NULL
    AND recipient_structure_id <> structure_id AND recipient_user_id IS NULL AND recipient_email IS NULL
    AND code_hash IS NULL AND access_hash IS NULL));
--> statement-breakpoint
-- Les agents qui ont aidé la personne de la session (demandes, diagnostics, mandats, orientations, coffre), encore
-- médiateurs ou travailleurs sociaux actifs de la structure : à qui elle peut montrer ses papiers. Le nom seul.
CREATE OR REPLACE FUNCTION relais_my_helpers()
  RETURNS TABLE (user_id uuid, display_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.display_name FROM users u
    JOIN memberships m ON m.user_id = u.id AND m.structure_id = relais_structure_id()
   WHERE relais_person_id() IS NOT NULL AND m.disabled_at IS NULL AND m.role IN ('mediateur', 'travailleur_social')
     AND u.id IN (
       SELECT mediator_id FROM solicitations WHERE structure_id = relais_structure_id() AND person_id = relais_person_id()
       UNION SELECT created_by FROM diagnoses WHERE structure_id = relais_structure_id() AND person_id = relais_person_id()
       UNION SELECT mediator_id FROM mandates WHERE structure_id = relais_structure_id() AND person_id = relais_person_id()
       UNION SELECT created_by FROM referrals WHERE structure_id = relais_structure_id() AND person_id = relais_person_id()
       UNION SELECT added_by FROM vault_documents WHERE structure_id = relais_structure_id() AND person_id = relais_person_id()
       UNION SELECT consent_by FROM vaults WHERE structure_id = relais_structure_id() AND person_id = relais_person_id())
   ORDER BY u.display_name
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_my_helpers() FROM PUBLIC;
--> statement-breakpoint
-- Aussi à relais_app, pour la politique ci-dessous : sans personne en session, la liste est vide.
GRANT EXECUTE ON FUNCTION relais_my_helpers() TO relais_resident, relais_app;
--> statement-breakpoint
-- Un partage vers un agent n'est fait que par la personne elle-même, vers un agent qui l'a aidée.
CREATE POLICY vault_shares_agent_valide ON vault_shares AS RESTRICTIVE FOR INSERT
  WITH CHECK (recipient_user_id IS NULL OR recipient_user_id IN (SELECT h.user_id FROM relais_my_helpers() h));
--> statement-breakpoint
-- Un partage vers une orientation vise la structure partenaire de cette orientation, pour la personne orientée.
CREATE POLICY vault_shares_orientation_valide ON vault_shares AS RESTRICTIVE FOR INSERT
  WITH CHECK (referral_id IS NULL OR EXISTS (SELECT 1 FROM referrals r WHERE r.structure_id = vault_shares.structure_id
    AND r.id = vault_shares.referral_id AND r.person_id = vault_shares.person_id
    AND r.partner_structure_id = vault_shares.recipient_structure_id));
--> statement-breakpoint
CREATE POLICY vault_shares_partenaire ON vault_shares FOR SELECT TO relais_app
  USING (recipient_kind = 'orientation' AND recipient_structure_id = relais_structure_id()
    AND revoked_at IS NULL AND expires_at > now()
    AND relais_partners(structure_id, recipient_structure_id)
    AND EXISTS (SELECT 1 FROM referral_handoffs h WHERE h.structure_id = relais_structure_id()
      AND h.id = vault_shares.referral_id AND h.sender_structure_id = vault_shares.structure_id));
--> statement-breakpoint
-- Les sous-requêtes ci-dessous lisent vault_shares avec les droits de l'appelant : pour la structure destinataire,
-- seulement les partages en cours de la politique ci-dessus.
CREATE POLICY vault_documents_partenaire ON vault_documents FOR SELECT TO relais_app
  USING (removed_at IS NULL AND EXISTS (SELECT 1 FROM vault_shares s WHERE s.structure_id = vault_documents.structure_id
    AND s.person_id = vault_documents.person_id AND s.recipient_structure_id = relais_structure_id()
    AND vault_documents.id = ANY (s.document_ids)));
--> statement-breakpoint
CREATE POLICY vaults_partenaire ON vaults FOR SELECT TO relais_app
  USING (destroyed_at IS NULL AND EXISTS (SELECT 1 FROM vault_shares s WHERE s.structure_id = vaults.structure_id
    AND s.person_id = vaults.person_id AND s.recipient_structure_id = relais_structure_id()));
--> statement-breakpoint
CREATE POLICY vault_share_events_partenaire ON vault_share_events FOR INSERT TO relais_app
  WITH CHECK (EXISTS (SELECT 1 FROM vault_shares s WHERE s.structure_id = vault_share_events.structure_id
    AND s.id = vault_share_events.share_id AND s.person_id = vault_share_events.person_id
    AND s.recipient_structure_id = relais_structure_id() AND vault_share_events.document_id = ANY (s.document_ids)));
