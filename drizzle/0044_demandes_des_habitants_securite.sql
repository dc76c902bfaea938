-- Portail des habitants (issue 20) : « Mes données ». La personne télécharge ce que Relais garde d'elle (elle lit donc
-- aussi ses diagnostics et son parcours), demande une correction ou l'effacement (INSERT de ses seules demandes, sans
-- réponse), et voit qui a lu son dossier : une fonction ne rend, pour la personne de la session, que la date, le rôle
-- et la structure de chaque lecture inscrite au journal d'audit (jamais le nom de l'agent).
SELECT relais_tenant_table('resident_requests', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE resident_requests ADD CONSTRAINT resident_requests_kind CHECK (kind IN ('correction','effacement'));
--> statement-breakpoint
ALTER TABLE resident_requests ADD CONSTRAINT resident_requests_message CHECK (
  (kind = 'effacement' OR length(btrim(coalesce(message, ''))) > 0) AND length(coalesce(message, '')) <= 2000);
--> statement-breakpoint
ALTER TABLE resident_requests ADD CONSTRAINT resident_requests_reponse CHECK (
  (answered_at IS NULL AND answered_by IS NULL AND answer IS NULL)
  OR (answered_at IS NOT NULL AND answered_by IS NOT NULL AND length(btrim(coalesce(answer, ''))) > 0));
--> statement-breakpoint
GRANT SELECT, INSERT ON resident_requests TO relais_resident;
--> statement-breakpoint
CREATE POLICY resident_requests_resident ON resident_requests AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id())
  WITH CHECK (person_id = relais_person_id() AND answered_at IS NULL);
--> statement-breakpoint
GRANT SELECT ON diagnoses, plan_steps TO relais_resident;
--> statement-breakpoint
CREATE POLICY diagnoses_resident ON diagnoses AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
CREATE POLICY plan_steps_resident ON plan_steps AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
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
                      'parcours.consulte', 'orientation.consultee')
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
