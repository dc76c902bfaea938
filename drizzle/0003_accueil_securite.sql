-- Accueil (C1) : recherche tolérante, contraintes métier, RLS et droits des nouvelles tables.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Index de trigrammes sur le nom plié ; la RLS filtre la structure.
CREATE INDEX persons_search_idx ON persons USING gin (search_name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX solicitations_next_step_idx ON solicitations (structure_id, next_step_date) WHERE next_step_date IS NOT NULL;
--> statement-breakpoint
CREATE INDEX queue_entries_waiting_idx ON queue_entries (structure_id, arrived_at) WHERE taken_at IS NULL AND left_at IS NULL;
--> statement-breakpoint
ALTER TABLE solicitations ADD CONSTRAINT solicitations_duree CHECK (duration_minutes BETWEEN 1 AND 480);
--> statement-breakpoint
ALTER TABLE solicitations ADD CONSTRAINT solicitations_blocage_cause CHECK (outcome <> 'bloque' OR blocked_cause IS NOT NULL);
--> statement-breakpoint
ALTER TABLE solicitations ADD CONSTRAINT solicitations_orientation_cible CHECK (outcome <> 'oriente' OR redirection IS NOT NULL);
--> statement-breakpoint
ALTER TABLE solicitations ADD CONSTRAINT solicitations_organisme CHECK (cardinality(organisations) >= 1);
--> statement-breakpoint

ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE persons FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY persons_structure ON persons
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON persons TO relais_app;
--> statement-breakpoint

ALTER TABLE solicitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE solicitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY solicitations_structure ON solicitations
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON solicitations TO relais_app;
--> statement-breakpoint

ALTER TABLE queue_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE queue_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY queue_entries_structure ON queue_entries
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON queue_entries TO relais_app;
--> statement-breakpoint

-- Notes privées : la structure active ET leur auteur, en lecture comme en écriture.
ALTER TABLE private_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE private_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY private_notes_auteur ON private_notes
  USING (structure_id = relais_structure_id() AND author_id = relais_user_id())
  WITH CHECK (structure_id = relais_structure_id() AND author_id = relais_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON private_notes TO relais_app;
