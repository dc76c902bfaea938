-- Portail des habitants (issue 20) : « Faire le point seul ». La personne écrit et relit ses seules réponses (INSERT
-- sans « vu » du médiateur) ; les agents de la structure les lisent et les marquent « vues ».
SELECT relais_tenant_table('self_assessments', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE self_assessments ADD CONSTRAINT self_assessments_langue CHECK (language IN ('fr', 'en', 'ar'));
--> statement-breakpoint
ALTER TABLE self_assessments ADD CONSTRAINT self_assessments_note CHECK (overall_score BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE self_assessments ADD CONSTRAINT self_assessments_vu CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL));
--> statement-breakpoint
GRANT SELECT, INSERT ON self_assessments TO relais_resident;
--> statement-breakpoint
CREATE POLICY self_assessments_resident ON self_assessments AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id())
  WITH CHECK (person_id = relais_person_id() AND reviewed_at IS NULL);
--> statement-breakpoint
-- Qui a lu mon dossier : la lecture de ses réponses par un médiateur en fait partie.
CREATE OR REPLACE FUNCTION relais_reads_of_my_file(max_rows integer)
  RETURNS TABLE (occurred_at timestamptz, action text, role text, structure_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.occurred_at, e.action, m.role, s.name
    FROM audit_events e
    JOIN structures s ON s.id = e.structure_id
    LEFT JOIN memberships m ON m.structure_id = e.structure_id AND m.user_id = e.actor_user_id
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
