-- Le mois d'une sollicitation est celui du fuseau de la structure (TZ du serveur, Europe/Paris par défaut) : Relais
-- règle le fuseau de chaque connexion (TimeZone), et les compteurs le lisent au lieu d'un « Europe/Paris » écrit en dur.
-- Les compteurs sont recomptés dans ce fuseau (identiques pour une instance restée à Paris).
CREATE OR REPLACE FUNCTION relais_count_solicitations() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
      SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE current_setting('TimeZone'))::date, mode, -count(*)
      FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (structure_id, month, mode) DO UPDATE SET count = solicitation_month_counts.count + excluded.count;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
      SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE current_setting('TimeZone'))::date, mode, count(*)
      FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (structure_id, month, mode) DO UPDATE SET count = solicitation_month_counts.count + excluded.count;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DELETE FROM solicitation_month_counts;
--> statement-breakpoint
INSERT INTO solicitation_month_counts (structure_id, month, mode, count)
  SELECT structure_id, date_trunc('month', occurred_at AT TIME ZONE current_setting('TimeZone'))::date, mode, count(*)
  FROM solicitations GROUP BY 1, 2, 3;
