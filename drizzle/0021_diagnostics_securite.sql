-- Diagnostics, plans et pairs-aidants : vocabulaires doublés en base, RLS forcée. Les trois tables appartiennent à
-- la structure qui accompagne la personne ; aucune autre structure n'en voit rien.
ALTER TABLE diagnoses ADD CONSTRAINT diagnoses_levels CHECK (
  computed_level IN ('urgence', 'inclusion', 'montee_en_competences')
  AND level IN ('urgence', 'inclusion', 'montee_en_competences')
  AND ((level = computed_level) = (level_reason IS NULL)));
--> statement-breakpoint
ALTER TABLE diagnoses ADD CONSTRAINT diagnoses_autonomy CHECK (autonomy IN ('entierement_accompagne', 'partiellement_autonome', 'autonome'));
--> statement-breakpoint
ALTER TABLE diagnoses ADD CONSTRAINT diagnoses_score CHECK (overall_score BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE plan_steps ADD CONSTRAINT plan_steps_kind CHECK (kind IN ('accompagnement_individuel', 'atelier_collectif', 'lieu_formation', 'pair_aidant'));
--> statement-breakpoint
ALTER TABLE plan_steps ADD CONSTRAINT plan_steps_status CHECK (status IN ('a_faire', 'en_cours', 'faite', 'abandonnee'));
--> statement-breakpoint
ALTER TABLE plan_steps ADD CONSTRAINT plan_steps_helper CHECK (helper_person_id IS NULL OR helper_person_id <> person_id);
--> statement-breakpoint
ALTER TABLE peer_helpers ADD CONSTRAINT peer_helpers_skills CHECK (cardinality(skills) > 0);
--> statement-breakpoint
ALTER TABLE diagnoses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE diagnoses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY diagnoses_structure ON diagnoses
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON diagnoses TO relais_app;
--> statement-breakpoint
ALTER TABLE plan_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_steps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_steps_structure ON plan_steps
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON plan_steps TO relais_app;
--> statement-breakpoint
ALTER TABLE peer_helpers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE peer_helpers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY peer_helpers_structure ON peer_helpers
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON peer_helpers TO relais_app;
