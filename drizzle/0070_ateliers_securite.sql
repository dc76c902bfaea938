-- Ateliers collectifs (issue 23) : catalogue, séances et inscriptions d'une structure, vus de ses seuls agents. Rien
-- ne s'efface : un atelier se retire, une séance s'annule, une inscription change d'état (le pilotage les compte).
SELECT relais_tenant_table('workshops', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('workshop_sessions', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('workshop_registrations', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE workshops ADD CONSTRAINT workshops_valeurs CHECK (
  length(btrim(title)) BETWEEN 1 AND 100
  AND level IN ('debutant', 'intermediaire', 'avance')
  AND duration_minutes BETWEEN 15 AND 480
  AND cycle_length BETWEEN 1 AND 20
  AND length(description) BETWEEN 1 AND 1000);
--> statement-breakpoint
-- Le compteur des places ne dépasse jamais la capacité : c'est lui qui refuse la place de trop (voir le déclencheur).
ALTER TABLE workshop_sessions ADD CONSTRAINT workshop_sessions_places CHECK (seats_taken >= 0 AND seats_taken <= capacity);
--> statement-breakpoint
ALTER TABLE workshop_sessions ADD CONSTRAINT workshop_sessions_valeurs CHECK (
  ends_at > starts_at AND ends_at <= starts_at + interval '8 hours'
  AND capacity BETWEEN 1 AND 200
  AND (cancelled_at IS NULL) = (cancel_reason IS NULL)
  AND (cancel_reason IS NULL OR length(btrim(cancel_reason)) BETWEEN 1 AND 300)
  AND cardinality(peer_helper_ids) <= 10);
--> statement-breakpoint
ALTER TABLE workshop_registrations ADD CONSTRAINT workshop_registrations_valeurs CHECK (
  status IN ('inscrit', 'proposee', 'attente', 'desinscrit', 'expiree', 'present', 'absent', 'excuse')
  AND via IN ('agent', 'habitant')
  AND (via = 'habitant') = (registered_by IS NULL)
  AND (status <> 'proposee' OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL)));
--> statement-breakpoint
-- Chaque inscription qui prend ou rend une place met à jour le compteur de sa séance. La mise à jour verrouille la
-- ligne de la séance : deux inscriptions simultanées à la dernière place passent l'une après l'autre, et la seconde
-- échoue sur « workshop_sessions_places ». Définie par le propriétaire : la personne qui s'inscrit dans son espace
-- n'écrit pas la séance elle-même.
CREATE FUNCTION relais_workshop_seats() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  holding text[] := ARRAY['inscrit', 'proposee', 'present', 'absent', 'excuse'];
  delta int := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = ANY (holding) THEN delta := delta - 1; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = ANY (holding) THEN delta := delta + 1; END IF;
  IF TG_OP = 'UPDATE' AND OLD.session_id <> NEW.session_id THEN
    RAISE EXCEPTION 'une inscription ne change pas de séance';
  END IF;
  IF delta <> 0 THEN
    UPDATE workshop_sessions SET seats_taken = seats_taken + delta
     WHERE structure_id = COALESCE(NEW.structure_id, OLD.structure_id) AND id = COALESCE(NEW.session_id, OLD.session_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_workshop_seats() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER workshop_registrations_seats AFTER INSERT OR UPDATE OF status OR DELETE ON workshop_registrations
  FOR EACH ROW EXECUTE FUNCTION relais_workshop_seats();
