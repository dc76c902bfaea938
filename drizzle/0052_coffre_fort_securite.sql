-- Coffre-fort (issue 21) : les coffres et les papiers d'une structure, vus de ses seuls agents. Aucune suppression :
-- retirer un papier détruit sa clé (la ligne reste pour l'historique), effacer une personne détruit la sienne.
SELECT relais_tenant_table('vaults', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('vault_documents', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE vaults ADD CONSTRAINT vaults_cle_detruite CHECK (destroyed_at IS NULL OR wrapped_key IS NULL);
--> statement-breakpoint
ALTER TABLE vaults ADD CONSTRAINT vaults_cle_presente CHECK (destroyed_at IS NOT NULL OR wrapped_key IS NOT NULL);
--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_cle_detruite CHECK (removed_at IS NULL OR wrapped_key IS NULL);
--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_format
  CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png'));
--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_type CHECK (kind IN (
  'piece_identite', 'titre_sejour', 'recepisse', 'avis_imposition', 'attestation_caf', 'attestation_cpam', 'rib',
  'justificatif_domicile', 'fiche_paie', 'livret_famille', 'mesure_protection', 'courrier_organisme', 'mandat', 'autre'));
--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_dates CHECK (issued_on IS NULL OR expires_on IS NULL OR issued_on <= expires_on);
--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_taille CHECK (size_bytes > 0 AND page_count > 0);
--> statement-breakpoint
-- Qui a lu mon dossier : l'ouverture de son coffre-fort et de chacun de ses papiers en fait partie.
CREATE OR REPLACE FUNCTION relais_reads_of_my_file(max_rows integer)
  RETURNS TABLE (occurred_at timestamptz, action text, role text, structure_name text, reader_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.occurred_at, e.action, m.role, s.name, CASE WHEN s.show_reader_names THEN u.display_name END
    FROM audit_events e
    JOIN structures s ON s.id = e.structure_id
    LEFT JOIN memberships m ON m.structure_id = e.structure_id AND m.user_id = e.actor_user_id
    LEFT JOIN users u ON u.id = e.actor_user_id
   WHERE relais_person_id() IS NOT NULL
     AND e.structure_id = relais_structure_id()
     AND e.actor_user_id IS NOT NULL
     AND e.action IN ('personne.consultee', 'mandats.consultes', 'mandat.consulte', 'diagnostic.consulte',
                      'parcours.consulte', 'orientation.consultee', 'point_seul.consulte', 'coffre.consulte',
                      'coffre.document_ouvert')
     AND ((e.target_type = 'personne' AND e.target_id = relais_person_id()::text)
       OR (e.target_type = 'mandat' AND e.target_id IN (
             SELECT id::text FROM mandates WHERE structure_id = e.structure_id AND person_id = relais_person_id()))
       OR (e.target_type = 'diagnostic' AND e.target_id IN (
             SELECT id::text FROM diagnoses WHERE structure_id = e.structure_id AND person_id = relais_person_id()))
       OR (e.target_type = 'orientation' AND e.target_id IN (
             SELECT id::text FROM referrals WHERE structure_id = e.structure_id AND person_id = relais_person_id()))
       OR (e.target_type = 'document' AND e.target_id IN (
             SELECT id::text FROM vault_documents WHERE structure_id = e.structure_id AND person_id = relais_person_id())))
   ORDER BY e.occurred_at DESC
   LIMIT max_rows
$$;
