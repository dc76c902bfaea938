-- Rendez-vous (issue 22) : plages d'ouverture, absences et rendez-vous d'une structure, vus de ses seuls agents. Rien
-- ne s'efface : une plage se retire, une absence s'enlève, un rendez-vous s'annule (le pilotage les compte).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
SELECT relais_tenant_table('opening_ranges', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('absences', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('appointments', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE opening_ranges ADD CONSTRAINT opening_ranges_valeurs CHECK (
  start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND start_time < end_time
  AND (last_day IS NULL OR last_day >= first_day)
  AND cardinality(motif_ids) BETWEEN 1 AND 50
  AND interval BETWEEN 1 AND 12
  AND cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[0, 1, 2, 3, 4, 5, 6]
  AND ((frequency = 'hebdomadaire' AND nth IS NULL)
    OR (frequency = 'mensuelle' AND cardinality(weekdays) = 1 AND nth IN (1, 2, 3, 4, -1))));
--> statement-breakpoint
ALTER TABLE absences ADD CONSTRAINT absences_valeurs CHECK (
  ends_at > starts_at AND ends_at <= starts_at + interval '366 days'
  AND kind IN ('conge', 'formation', 'reunion', 'autre'));
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_valeurs CHECK (
  ends_at > starts_at AND ends_at <= starts_at + interval '4 hours'
  AND status IN ('prevu', 'honore', 'excuse', 'annule', 'absent')
  AND booked_via IN ('agent', 'habitant', 'partenaire')
  AND (booked_via = 'habitant') = (booked_by IS NULL)
  AND ((status = 'annule') = (cancelled_by IS NOT NULL))
  AND (cancelled_by IS NULL OR cancelled_by IN ('personne', 'service'))
  AND (cancelled_by <> 'service' OR length(btrim(cancel_reason)) > 0)
  AND (cancel_reason IS NULL OR length(cancel_reason) <= 300));
--> statement-breakpoint
-- Un créneau ne se prend qu'une fois : deux rendez-vous qui tiennent (ni annulés, ni excusés) d'un même agent ne se
-- chevauchent pas, même pris au même instant par deux personnes (la seconde transaction attend, puis échoue).
ALTER TABLE appointments ADD CONSTRAINT appointments_sans_chevauchement EXCLUDE USING gist (
  structure_id WITH =, agent_id WITH =, tstzrange(starts_at, ends_at) WITH &&
) WHERE (status NOT IN ('annule', 'excuse'));
