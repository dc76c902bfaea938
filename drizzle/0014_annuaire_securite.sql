-- Annuaire : un identifiant national unique par structure, des listes et coordonnées cohérentes doublées en
-- base, et la RLS forcée. Un lieu ne s'efface pas (il se retire de l'annuaire) : les orientations le citent.
CREATE UNIQUE INDEX places_national_id_idx ON places (structure_id, national_id);
--> statement-breakpoint
CREATE INDEX places_active_idx ON places (structure_id, active);
--> statement-breakpoint
ALTER TABLE places ADD CONSTRAINT places_services CHECK (cardinality(services) > 0);
--> statement-breakpoint
ALTER TABLE places ADD CONSTRAINT places_postal_code CHECK (postal_code ~ '^\d{5}$');
--> statement-breakpoint
ALTER TABLE places ADD CONSTRAINT places_coordinates CHECK (
  (latitude IS NULL) = (longitude IS NULL)
  AND (latitude IS NULL OR latitude BETWEEN -90 AND 90)
  AND (longitude IS NULL OR longitude BETWEEN -180 AND 180));
--> statement-breakpoint
ALTER TABLE structures ADD CONSTRAINT structures_coordinates CHECK (
  (latitude IS NULL) = (longitude IS NULL)
  AND (latitude IS NULL OR latitude BETWEEN -90 AND 90)
  AND (longitude IS NULL OR longitude BETWEEN -180 AND 180));
--> statement-breakpoint
ALTER TABLE places ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE places FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY places_structure ON places
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON places TO relais_app;
