-- Rendez-vous pris par la personne (issue 22, décision 030) : dans son espace, ou avec le lien reçu pour changer
-- d'heure. Sous le rôle relais_resident, elle lit les plages de sa structure (ni nom ni personne : des heures), le
-- temps pris de chaque agent sans savoir par qui (relais_busy_between), et n'écrit qu'un rendez-vous à elle, « prévu »,
-- pris « par la personne ». La confirmation part par un travail du worker : elle n'écrit pas dans l'outbox.
GRANT SELECT ON opening_ranges TO relais_resident;
--> statement-breakpoint
GRANT INSERT ON appointments TO relais_resident;
--> statement-breakpoint
CREATE POLICY appointments_resident_prise ON appointments AS RESTRICTIVE FOR INSERT TO relais_resident
  WITH CHECK (
    person_id = relais_person_id() AND booked_via = 'habitant' AND booked_by IS NULL AND status = 'prevu'
    AND referral_id IS NULL AND solicitation_id IS NULL AND earlier_offers = 0 AND earlier_offered_at IS NULL
  );
--> statement-breakpoint
-- Ce qui suit la prise d'un rendez-vous hors d'un agent de la structure (la personne, un partenaire) : la ligne du
-- journal de la structure du rendez-vous, et le travail qui enverra la confirmation à la personne, à son canal.
-- Appelée par les fonctions ci-dessous (et 0068), qui ont vérifié le rendez-vous ; accordée à personne.
CREATE OR REPLACE FUNCTION relais_appointment_booked_outside(booked appointments, actor uuid, details jsonb, at timestamptz)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (booked.structure_id, actor, 'rdv.pris', 'rendez_vous', booked.id::text, details);
  INSERT INTO jobs (structure_id, kind, dedupe_key, payload, run_at, created_at)
    VALUES (booked.structure_id, 'rdv.message', 'rdv.confirmation:' || booked.id,
            jsonb_build_object('id', booked.id, 'kind', 'confirmation'), at, at)
    ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_appointment_booked_outside(appointments, uuid, jsonb, timestamptz) FROM PUBLIC;
--> statement-breakpoint
-- Après sa prise : le journal de la structure (sans agent) et le travail qui enverra la confirmation à son canal.
-- Ne fait rien pour un rendez-vous qui n'est pas à elle, ou qu'elle n'a pas pris.
CREATE OR REPLACE FUNCTION relais_resident_appointment_booked(appointment uuid, at timestamptz)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  booked appointments%ROWTYPE;
BEGIN
  SELECT * INTO booked FROM appointments
   WHERE structure_id = relais_structure_id() AND id = appointment AND person_id = relais_person_id()
     AND booked_via = 'habitant' AND status = 'prevu';
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM relais_appointment_booked_outside(booked, NULL, '{"par": "personne"}'::jsonb, at);
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_appointment_booked(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_appointment_booked(uuid, timestamptz) TO relais_resident;
--> statement-breakpoint
-- La personne quitte l'un de ses rendez-vous pour une autre heure (changement) : l'annulation par le lien (0064, 4 heures
-- avant au plus tard, sous verrou), pour un rendez-vous à elle seulement. Rend 'annule', 'deja_annule', 'trop_tard' ou
-- 'introuvable'.
CREATE OR REPLACE FUNCTION relais_resident_leave_appointment(appointment uuid, at timestamptz)
  RETURNS text LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM appointments WHERE structure_id = relais_structure_id() AND id = appointment
                            AND person_id = relais_person_id())
    THEN relais_cancel_appointment_by_link(appointment, at) ELSE 'introuvable' END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_leave_appointment(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_leave_appointment(uuid, timestamptz) TO relais_resident;
--> statement-breakpoint
-- Le lien reçu dit aussi à qui est le rendez-vous et dans quelle structure : la page du lien agit alors pour cette
-- personne seule (rôle relais_resident), pour changer d'heure.
DROP FUNCTION IF EXISTS relais_appointment_by_link(uuid);
--> statement-breakpoint
CREATE FUNCTION relais_appointment_by_link(appointment uuid)
  RETURNS TABLE (structure_name text, motif_name text, site_name text, starts_at timestamptz, status text, site_phone text,
                 structure_id uuid, person_id uuid, motif_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.name, m.name, p.name, a.starts_at, a.status, p.phone, a.structure_id, a.person_id, a.motif_id
    FROM appointments a
    JOIN structures s ON s.id = a.structure_id
    JOIN appointment_motifs m ON m.structure_id = a.structure_id AND m.id = a.motif_id
    JOIN places p ON p.structure_id = a.structure_id AND p.id = a.site_id
   WHERE a.id = appointment
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_appointment_by_link(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_appointment_by_link(uuid) TO relais_app;
