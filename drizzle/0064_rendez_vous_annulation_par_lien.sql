-- Rendez-vous (issue 22) : la personne annule elle-même, par le lien reçu (sans compte), jusqu'à 4 heures avant. Le
-- serveur a vérifié la signature et l'expiration du lien ; ces deux fonctions ne lisent et ne changent que ce
-- rendez-vous-là, et seulement ce que la page montre.
CREATE OR REPLACE FUNCTION relais_appointment_by_link(appointment uuid)
  RETURNS TABLE (structure_name text, motif_name text, site_name text, starts_at timestamptz, status text, site_phone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.name, m.name, p.name, a.starts_at, a.status, p.phone
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
--> statement-breakpoint
-- Annule le rendez-vous prévu s'il est encore temps (4 heures avant) ; le dit au journal de sa structure, sans agent.
-- Rend 'annule', 'deja_annule' (ou plus prévu), 'trop_tard' ou 'introuvable'.
CREATE OR REPLACE FUNCTION relais_cancel_appointment_by_link(appointment uuid, at timestamptz)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  target appointments%ROWTYPE;
BEGIN
  SELECT * INTO target FROM appointments WHERE id = appointment FOR UPDATE;
  IF NOT FOUND THEN
    RETURN 'introuvable';
  END IF;
  IF target.status <> 'prevu' THEN
    RETURN 'deja_annule';
  END IF;
  IF target.starts_at - interval '4 hours' <= at THEN
    RETURN 'trop_tard';
  END IF;
  UPDATE appointments SET status = 'annule', cancelled_by = 'personne', status_at = at
   WHERE structure_id = target.structure_id AND id = target.id;
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (target.structure_id, NULL, 'rdv.annule', 'rendez_vous', target.id::text, '{"par": "personne"}'::jsonb);
  RETURN 'annule';
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_cancel_appointment_by_link(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_cancel_appointment_by_link(uuid, timestamptz) TO relais_app;
