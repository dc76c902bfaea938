-- Organismes ajoutés par une structure : un code préfixé pour ne jamais masquer la liste nationale,
-- un libellé unique (sans tenir compte de la casse) dans la structure.
ALTER TABLE local_organisations ADD CONSTRAINT local_organisations_code CHECK (code ~ '^local_[a-z0-9_]{1,60}$');
--> statement-breakpoint
CREATE UNIQUE INDEX local_organisations_label_idx ON local_organisations (structure_id, lower(label));
--> statement-breakpoint
ALTER TABLE local_organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE local_organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY local_organisations_structure ON local_organisations
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON local_organisations TO relais_app;
