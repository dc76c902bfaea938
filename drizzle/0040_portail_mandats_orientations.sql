-- Portail des habitants (issue 20) : « Mes mandats » et « Mes orientations ». La personne lit ses mandats, les actes
-- faits en son nom et ses orientations (politique RESTRICTIVE par personne, décision 022) ; elle met fin à un mandat
-- actif par une seule fonction, qui le révoque, l'inscrit au journal d'audit et prévient son médiateur par l'outbox,
-- dans la transaction de sa demande.
GRANT SELECT ON mandates, mandate_acts, referrals TO relais_resident;
--> statement-breakpoint
CREATE POLICY mandates_resident ON mandates AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
CREATE POLICY mandate_acts_resident ON mandate_acts AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
CREATE POLICY referrals_resident ON referrals AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
-- Le nom d'un agent de la structure de la session (le médiateur d'un mandat, sur la page et le PDF) : rien d'autre
-- de la table des comptes n'est lisible par un habitant.
CREATE OR REPLACE FUNCTION relais_member_name(member uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.display_name FROM users u
    JOIN memberships m ON m.user_id = u.id AND m.structure_id = relais_structure_id()
   WHERE u.id = member
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_member_name(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_member_name(uuid) TO relais_resident;
--> statement-breakpoint
-- La personne de la session met fin à l'un de ses mandats actifs (signé, ni échu ni déjà révoqué) : révocation sans
-- agent (revoked_by vide), audit « mandat.revoque » par la personne, et, si son médiateur est encore un agent actif
-- de la structure, un e-mail pour le prévenir (sujet et texte écrits par l'application). Rend false si rien n'a changé.
CREATE OR REPLACE FUNCTION relais_resident_revoke_mandate(mandate uuid, at timestamptz, reason text, subject text, body text)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  revoked mandates%ROWTYPE;
  mediator_email text;
BEGIN
  IF relais_person_id() IS NULL OR relais_structure_id() IS NULL THEN
    RETURN false;
  END IF;
  UPDATE mandates SET revoked_at = at, revocation_reason = reason
   WHERE structure_id = relais_structure_id() AND id = mandate AND person_id = relais_person_id()
     AND revoked_at IS NULL AND signed_at IS NOT NULL AND expires_at > at
  RETURNING * INTO revoked;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (revoked.structure_id, NULL, 'mandat.revoque', 'mandat', revoked.id::text, '{"par":"personne"}'::jsonb);
  SELECT u.email INTO mediator_email FROM users u
    JOIN memberships m ON m.user_id = u.id AND m.structure_id = revoked.structure_id AND m.disabled_at IS NULL
   WHERE u.id = revoked.mediator_id;
  IF mediator_email IS NOT NULL THEN
    INSERT INTO outbox (structure_id, channel, recipient, subject, body, purpose, subject_id, dedupe_key, run_at, created_at)
      VALUES (revoked.structure_id, 'email', mediator_email, subject, body, 'mandat.revoque_par_la_personne',
              revoked.person_id, 'mandat.revoque:' || revoked.id, at, at)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_revoke_mandate(uuid, timestamptz, text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_revoke_mandate(uuid, timestamptz, text, text, text) TO relais_resident;
