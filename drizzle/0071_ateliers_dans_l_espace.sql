-- Ateliers dans l'espace de la personne (issue 23) : sous le rôle relais_resident, elle lit le catalogue et les
-- séances de sa structure (heure, lieu, places : ni animateur, ni pairs-aidants, ni qui a annulé), ses seules
-- inscriptions, s'inscrit elle-même (inscrite ou en attente, « par la personne »), se désinscrit ou confirme la place
-- qu'on lui propose. Ce qui suit (message, place libérée proposée au suivant) part par un travail du worker.
GRANT SELECT ON workshops TO relais_resident;
--> statement-breakpoint
GRANT SELECT (structure_id, id, workshop_id, place_id, starts_at, ends_at, capacity, seats_taken, cancelled_at)
  ON workshop_sessions TO relais_resident;
--> statement-breakpoint
GRANT SELECT, INSERT ON workshop_registrations TO relais_resident;
--> statement-breakpoint
GRANT UPDATE (status, status_at, offer_expires_at) ON workshop_registrations TO relais_resident;
--> statement-breakpoint
CREATE POLICY workshop_registrations_resident ON workshop_registrations AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id()) WITH CHECK (person_id = relais_person_id());
--> statement-breakpoint
CREATE POLICY workshop_registrations_resident_inscription ON workshop_registrations AS RESTRICTIVE FOR INSERT TO relais_resident
  WITH CHECK (
    via = 'habitant' AND registered_by IS NULL AND status IN ('inscrit', 'attente') AND plan_step_id IS NULL
    AND offered_at IS NULL AND offer_expires_at IS NULL AND status_by IS NULL
  );
--> statement-breakpoint
CREATE POLICY workshop_registrations_resident_changement ON workshop_registrations AS RESTRICTIVE FOR UPDATE TO relais_resident
  USING (status IN ('inscrit', 'attente', 'proposee')) WITH CHECK (status IN ('inscrit', 'desinscrit'));
--> statement-breakpoint
-- Après une inscription ou un changement fait par la personne : la ligne du journal de sa structure (sans agent), et
-- le travail qui enverra le message ou proposera la place libérée. Ne fait rien pour une inscription qui n'est pas à
-- elle. `what` : 'inscription', 'attente', 'confirmee', 'liberee' (une place rendue) ou 'retiree' (quitte l'attente).
CREATE OR REPLACE FUNCTION relais_resident_workshop_changed(registration uuid, what text, at timestamptz)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  mine workshop_registrations%ROWTYPE;
BEGIN
  IF what NOT IN ('inscription', 'attente', 'confirmee', 'liberee', 'retiree') THEN
    RETURN false;
  END IF;
  SELECT * INTO mine FROM workshop_registrations
   WHERE structure_id = relais_structure_id() AND id = registration AND person_id = relais_person_id();
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (mine.structure_id, NULL, CASE WHEN what IN ('inscription', 'attente') THEN 'inscription.ajoutee' ELSE 'inscription.changee' END,
            'personne', mine.person_id::text,
            jsonb_build_object('seance', mine.session_id, 'etat', mine.status, 'par', 'personne'));
  IF what <> 'retiree' THEN
    INSERT INTO jobs (structure_id, kind, dedupe_key, payload, run_at, created_at)
      VALUES (mine.structure_id, 'ateliers.suite', 'ateliers.suite:' || mine.id || ':' || what || ':' || extract(epoch FROM at),
              jsonb_build_object('id', mine.id, 'session', mine.session_id, 'what', what), at, at)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_workshop_changed(uuid, text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_workshop_changed(uuid, text, timestamptz) TO relais_resident;
