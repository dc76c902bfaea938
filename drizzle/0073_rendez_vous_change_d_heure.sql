ALTER TABLE "appointments" ADD COLUMN "replaces_id" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_replaces_fk" FOREIGN KEY ("structure_id","replaces_id") REFERENCES "public"."appointments"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Changer l'heure d'un rendez-vous (issue 22, décision 030) : le nouveau garde le rendez-vous qu'il remplace, pour
-- que le message dise « a changé » et que l'invitation d'agenda mette à jour le même événement. Ni la personne ni un
-- partenaire ne l'écrivent eux-mêmes : la fonction ci-dessous le fait, après vérification.
DROP POLICY appointments_resident_prise ON appointments;
--> statement-breakpoint
CREATE POLICY appointments_resident_prise ON appointments AS RESTRICTIVE FOR INSERT TO relais_resident
  WITH CHECK (
    person_id = relais_person_id() AND booked_via = 'habitant' AND booked_by IS NULL AND status = 'prevu'
    AND referral_id IS NULL AND solicitation_id IS NULL AND earlier_offers = 0 AND earlier_offered_at IS NULL
    AND replaces_id IS NULL
  );
--> statement-breakpoint
DROP POLICY appointments_partenaire_prise ON appointments;
--> statement-breakpoint
CREATE POLICY appointments_partenaire_prise ON appointments FOR INSERT TO relais_app
  WITH CHECK (
    booked_via = 'partenaire' AND booked_by = relais_user_id() AND status = 'prevu'
    AND referral_id = relais_setting('relais.partner_referral')::uuid
    AND solicitation_id IS NULL AND earlier_offers = 0 AND NOT earlier_wanted AND replaces_id IS NULL
    AND EXISTS (SELECT 1 FROM relais_received_referral(referral_id) r
                 WHERE r.sender_structure_id = appointments.structure_id AND r.person_id = appointments.person_id)
    AND EXISTS (SELECT 1 FROM appointment_motifs m WHERE m.structure_id = appointments.structure_id
                 AND m.id = appointments.motif_id AND m.bookable_by IN ('partenaires', 'habitants') AND m.archived_at IS NULL)
  );
--> statement-breakpoint
-- La personne vient de quitter un de ses rendez-vous (annulé par elle) et d'en prendre un autre du même motif : le
-- nouveau remplace l'ancien (il garde son orientation), le journal le dit, et un travail enverra « votre rendez-vous
-- a changé » au lieu d'une confirmation. Rien pour des rendez-vous qui ne sont pas à elle.
CREATE OR REPLACE FUNCTION relais_resident_appointment_moved(appointment uuid, previous uuid, at timestamptz)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  booked appointments%ROWTYPE;
  left_one appointments%ROWTYPE;
BEGIN
  SELECT * INTO booked FROM appointments
   WHERE structure_id = relais_structure_id() AND id = appointment AND person_id = relais_person_id()
     AND booked_via = 'habitant' AND status = 'prevu' AND replaces_id IS NULL;
  SELECT * INTO left_one FROM appointments
   WHERE structure_id = relais_structure_id() AND id = previous AND person_id = relais_person_id()
     AND status = 'annule' AND cancelled_by = 'personne' AND motif_id = booked.motif_id;
  IF booked.id IS NULL OR left_one.id IS NULL
     OR EXISTS (SELECT 1 FROM appointments WHERE structure_id = left_one.structure_id AND replaces_id = left_one.id) THEN
    RETURN false;
  END IF;
  UPDATE appointments SET replaces_id = left_one.id, referral_id = left_one.referral_id
   WHERE structure_id = booked.structure_id AND id = booked.id;
  UPDATE appointments SET cancel_reason = 'Heure changée par la personne'
   WHERE structure_id = left_one.structure_id AND id = left_one.id;
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (booked.structure_id, NULL, 'rdv.change', 'rendez_vous', booked.id::text,
            jsonb_build_object('par', 'personne', 'remplace', left_one.id));
  INSERT INTO jobs (structure_id, kind, dedupe_key, payload, run_at, created_at)
    VALUES (booked.structure_id, 'rdv.message', 'rdv.changement:' || booked.id,
            jsonb_build_object('id', booked.id, 'kind', 'changement'), at, at)
    ON CONFLICT DO NOTHING;
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_appointment_moved(uuid, uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_appointment_moved(uuid, uuid, timestamptz) TO relais_resident;
