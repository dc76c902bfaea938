-- Recherche dans l'annuaire : les listes filtrées par « contient » (@>) ont un index GIN ; les positions un index
-- pour le carré du rayon. Mesuré sur 10 000 lieux (npm run bench, directory.search_p95_ms).
CREATE INDEX places_services_idx ON places USING gin (services);
--> statement-breakpoint
CREATE INDEX places_organisations_idx ON places USING gin (organisations);
--> statement-breakpoint
CREATE INDEX places_themes_idx ON places USING gin (themes);
--> statement-breakpoint
CREATE INDEX places_publics_idx ON places USING gin (publics);
--> statement-breakpoint
CREATE INDEX places_position_idx ON places (structure_id, latitude, longitude);
--> statement-breakpoint
CREATE INDEX places_hours_idx ON places (structure_id, opening_hours);
