-- Rapport d'activité : un texte par structure et par année, sous RLS.
ALTER TABLE annual_reports ADD CONSTRAINT annual_reports_annee CHECK (year BETWEEN 2000 AND 2100);
--> statement-breakpoint
ALTER TABLE annual_reports ADD CONSTRAINT annual_reports_longueur CHECK (char_length(text) <= 4000);
--> statement-breakpoint
ALTER TABLE annual_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE annual_reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY annual_reports_structure ON annual_reports
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON annual_reports TO relais_app;
