-- Rendez-vous (issue 22, décision 030) : le temps pris des agents, et la prise par un partenaire pour une orientation.
-- Une structure partenaire qui a reçu une orientation (referral_handoffs, partenariat accepté) prend, pour la personne
-- orientée, un rendez-vous dans l'agenda de la structure qui l'a envoyée, sur un motif ouvert aux partenaires ; le
-- rendez-vous porte l'orientation. Le temps de cette requête seulement, elle lit les motifs ouverts, les plages et les
-- lieux d'accueil de cette structure, le temps pris de ses agents sans savoir par qui, et les seuls rendez-vous pris
-- par un partenaire pour cette orientation ; rien d'autre.

-- La personne d'une orientation que la structure de la session a reçue (et la structure qui l'a envoyée).
CREATE OR REPLACE FUNCTION relais_received_referral(referral uuid)
  RETURNS TABLE (sender_structure_id uuid, person_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.structure_id, r.person_id
    FROM referral_handoffs h
    JOIN referrals r ON r.structure_id = h.sender_structure_id AND r.id = h.id
    JOIN persons p ON p.structure_id = r.structure_id AND p.id = r.person_id AND p.anonymised_at IS NULL
   WHERE h.structure_id = relais_structure_id() AND h.id = referral AND relais_partners(h.sender_structure_id, h.structure_id)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_received_referral(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_received_referral(uuid) TO relais_app;
--> statement-breakpoint
-- Le partenaire ne lit l'agenda d'une autre structure que le temps d'une requête qui prend (ou relit) un rendez-vous
-- pour une orientation reçue : le réglage relais.partner_referral, posé par ce seul cas d'usage, la nomme ; la
-- structure qui l'a envoyée est alors lisible pour ce qu'il faut. Hors de cette requête, rien (le test d'isolement).
CREATE OR REPLACE FUNCTION relais_booking_sender() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.sender_structure_id FROM relais_received_referral(relais_setting('relais.partner_referral')::uuid) r
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_booking_sender() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_booking_sender() TO relais_app;
--> statement-breakpoint
-- Le temps où chaque agent d'une structure n'est pas libre : absences et rendez-vous qui tiennent (ni annulés, ni
-- excusés, comme la contrainte d'exclusion). Ni personne, ni motif, ni raison d'absence. Pour la structure de la
-- session (agent, personne), ou pour celle qui lui envoie des orientations (partenaire).
CREATE OR REPLACE FUNCTION relais_busy_between(structure uuid, from_at timestamptz, to_at timestamptz)
  RETURNS TABLE (agent_id uuid, starts_at timestamptz, ends_at timestamptz, kind text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.agent_id, a.starts_at, a.ends_at, 'absence'
    FROM absences a
   WHERE a.structure_id = structure AND a.removed_at IS NULL AND a.starts_at < to_at AND a.ends_at > from_at
     AND (structure = relais_structure_id() OR structure = relais_booking_sender())
  UNION ALL
  SELECT r.agent_id, r.starts_at, r.ends_at, 'rendez_vous'
    FROM appointments r
   WHERE r.structure_id = structure AND r.status IN ('prevu', 'honore', 'absent')
     AND r.starts_at < to_at AND r.ends_at > from_at
     AND (structure = relais_structure_id() OR structure = relais_booking_sender())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_busy_between(uuid, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_busy_between(uuid, timestamptz, timestamptz) TO relais_app, relais_resident;
--> statement-breakpoint
CREATE POLICY appointment_motifs_partenaire ON appointment_motifs FOR SELECT TO relais_app
  USING (bookable_by IN ('partenaires', 'habitants') AND archived_at IS NULL AND structure_id = relais_booking_sender());
--> statement-breakpoint
CREATE POLICY opening_ranges_partenaire ON opening_ranges FOR SELECT TO relais_app
  USING (archived_at IS NULL AND structure_id = relais_booking_sender());
--> statement-breakpoint
CREATE POLICY places_partenaire ON places FOR SELECT TO relais_app
  USING (reception_site AND structure_id = relais_booking_sender());
--> statement-breakpoint
-- Le partenaire écrit un rendez-vous « prévu », pris par lui (l'agent de la session), pour la personne d'une orientation
-- qu'il a reçue, sur un motif ouvert aux partenaires ; il relit ensuite ceux qu'il a pris pour ses orientations reçues.
CREATE POLICY appointments_partenaire_prise ON appointments FOR INSERT TO relais_app
  WITH CHECK (
    booked_via = 'partenaire' AND booked_by = relais_user_id() AND status = 'prevu'
    AND referral_id = relais_setting('relais.partner_referral')::uuid
    AND solicitation_id IS NULL AND earlier_offers = 0 AND NOT earlier_wanted
    AND EXISTS (SELECT 1 FROM relais_received_referral(referral_id) r
                 WHERE r.sender_structure_id = appointments.structure_id AND r.person_id = appointments.person_id)
    AND EXISTS (SELECT 1 FROM appointment_motifs m WHERE m.structure_id = appointments.structure_id
                 AND m.id = appointments.motif_id AND m.bookable_by IN ('partenaires', 'habitants') AND m.archived_at IS NULL)
  );
--> statement-breakpoint
CREATE POLICY appointments_partenaire ON appointments FOR SELECT TO relais_app
  USING (booked_via = 'partenaire' AND structure_id = relais_booking_sender()
    AND referral_id = relais_setting('relais.partner_referral')::uuid);
--> statement-breakpoint
-- Après la prise par le partenaire : le journal de la structure qui reçoit le rendez-vous et le travail qui enverra la
-- confirmation à la personne, à son canal. Ne fait rien pour un rendez-vous que l'agent de la session n'a pas pris.
CREATE OR REPLACE FUNCTION relais_partner_appointment_booked(appointment uuid, at timestamptz)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  booked appointments%ROWTYPE;
BEGIN
  SELECT * INTO booked FROM appointments
   WHERE id = appointment AND booked_via = 'partenaire' AND booked_by = relais_user_id() AND status = 'prevu'
     AND structure_id = relais_booking_sender() AND referral_id = relais_setting('relais.partner_referral')::uuid;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM relais_appointment_booked_outside(booked, booked.booked_by,
    jsonb_build_object('par', 'partenaire', 'structure', relais_structure_id(), 'orientation', booked.referral_id), at);
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_partner_appointment_booked(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_partner_appointment_booked(uuid, timestamptz) TO relais_app;
