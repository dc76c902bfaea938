ALTER TABLE "structures" ADD COLUMN "show_reader_names" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Qui a lu mon dossier : le nom de l'agent, si la structure choisit de le montrer (sinon son rôle seulement).
DROP FUNCTION relais_reads_of_my_file(integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_reads_of_my_file(max_rows integer)
  RETURNS TABLE (occurred_at timestamptz, action text, role text, structure_name text, reader_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.occurred_at, e.action, m.role, s.name, CASE WHEN s.show_reader_names THEN u.display_name END
    FROM audit_events e
    JOIN structures s ON s.id = e.structure_id
    LEFT JOIN memberships m ON m.structure_id = e.structure_id AND m.user_id = e.actor_user_id
    LEFT JOIN users u ON u.id = e.actor_user_id
   WHERE relais_person_id() IS NOT NULL
     AND e.structure_id = relais_structure_id()
     AND e.actor_user_id IS NOT NULL
     AND e.action IN ('personne.consultee', 'mandats.consultes', 'mandat.consulte', 'diagnostic.consulte',
                      'parcours.consulte', 'orientation.consultee', 'point_seul.consulte')
     AND ((e.target_type = 'personne' AND e.target_id = relais_person_id()::text)
       OR (e.target_type = 'mandat' AND e.target_id IN (
             SELECT id::text FROM mandates WHERE structure_id = e.structure_id AND person_id = relais_person_id()))
       OR (e.target_type = 'diagnostic' AND e.target_id IN (
             SELECT id::text FROM diagnoses WHERE structure_id = e.structure_id AND person_id = relais_person_id()))
       OR (e.target_type = 'orientation' AND e.target_id IN (
             SELECT id::text FROM referrals WHERE structure_id = e.structure_id AND person_id = relais_person_id())))
   ORDER BY e.occurred_at DESC
   LIMIT max_rows
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_reads_of_my_file(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_reads_of_my_file(integer) TO relais_resident;
