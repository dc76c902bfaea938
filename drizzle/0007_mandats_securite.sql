-- Mandats (C4) : contraintes métier, journal en ajout seul, RLS.
ALTER TABLE mandates ADD CONSTRAINT mandates_domaines CHECK (
  cardinality(areas) >= 1
  AND areas <@ ARRAY['papiers','famille','social','travail','logement','transports','argent','justice','etranger','loisirs']::text[]);
--> statement-breakpoint
ALTER TABLE mandates ADD CONSTRAINT mandates_duree CHECK (duration IN ('un_jour','un_mois','six_mois','un_an'));
--> statement-breakpoint
-- Jamais de mandat quand une mesure de protection s'applique, ni sans chaque point d'information confirmé.
ALTER TABLE mandates ADD CONSTRAINT mandates_sans_mesure_de_protection CHECK (no_protection_measure);
--> statement-breakpoint
ALTER TABLE mandates ADD CONSTRAINT mandates_consentement CHECK (consent_items @> ARRAY['objet','donnees','droits','revocable']::text[]);
--> statement-breakpoint
ALTER TABLE mandates ADD CONSTRAINT mandates_signature CHECK (
  (signed_at IS NULL AND expires_at IS NULL AND signature_method IS NULL)
  OR (signed_at IS NOT NULL AND expires_at > signed_at AND signature_method IN ('ecran_trace','ecran_nom','papier')));
--> statement-breakpoint
ALTER TABLE mandates ADD CONSTRAINT mandates_revocation CHECK (revoked_at IS NULL OR revocation_reason IS NOT NULL);
--> statement-breakpoint
ALTER TABLE mandates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mandates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mandates_structure ON mandates
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON mandates TO relais_app;
--> statement-breakpoint

-- Le journal : ajout seul pour l'application (ni UPDATE ni DELETE accordés) ; la chaîne détecte le reste.
ALTER TABLE mandate_acts ADD CONSTRAINT mandate_acts_empreintes CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$');
--> statement-breakpoint
ALTER TABLE mandate_acts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mandate_acts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mandate_acts_structure ON mandate_acts
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON mandate_acts TO relais_app;
--> statement-breakpoint
ALTER TABLE mandate_journal_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mandate_journal_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mandate_journal_heads_structure ON mandate_journal_heads
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON mandate_journal_heads TO relais_app;
