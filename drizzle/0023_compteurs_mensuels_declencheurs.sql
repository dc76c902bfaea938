-- Compteurs mensuels des sollicitations par mode d'aide, tenus à jour par des déclencheurs par instruction (tables de
-- transition) : une insertion en masse (démonstration, jeu national) ne coûte qu'une agrégation. Le mois est celui de
-- Paris. Les déclencheurs s'exécutent avec les droits de qui écrit : la RLS du compteur est celle de la sollicitation.
ALTER TABLE solicitation_month_counts ADD CONSTRAINT solicitation_month_counts_month CHECK (month = date_trunc('month', month)::date);
--> statement-breakpoint
ALTER TABLE solicitation_month_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE solicitation_month_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY solicitation_month_counts_structure ON solicitation_month_counts
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON solicitation_month_counts TO relais_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_count_solicitations() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
      SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE 'Europe/Paris')::date, mode, -count(*)
      FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (structure_id, month, mode) DO UPDATE SET count = solicitation_month_counts.count + excluded.count;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
      SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE 'Europe/Paris')::date, mode, count(*)
      FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (structure_id, month, mode) DO UPDATE SET count = solicitation_month_counts.count + excluded.count;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_count_solicitations() TO relais_app;
--> statement-breakpoint
CREATE TRIGGER solicitations_count_insert AFTER INSERT ON solicitations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_count_solicitations();
--> statement-breakpoint
CREATE TRIGGER solicitations_count_update AFTER UPDATE ON solicitations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_count_solicitations();
--> statement-breakpoint
CREATE TRIGGER solicitations_count_delete AFTER DELETE ON solicitations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_count_solicitations();
--> statement-breakpoint
INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
  SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE 'Europe/Paris')::date, mode, count(*)
  FROM solicitations GROUP BY 1, 2, 3;
