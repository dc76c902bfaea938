ALTER TABLE "workshop_registrations" ADD COLUMN "after_individual_help" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Les présences déjà notées : aidée une à une avant la séance, d'après les sollicitations encore rattachées.
UPDATE workshop_registrations r SET after_individual_help = true
  FROM workshop_sessions ws
 WHERE ws.structure_id = r.structure_id AND ws.id = r.session_id AND r.status = 'present'
   AND EXISTS (SELECT 1 FROM solicitations s
                WHERE s.structure_id = r.structure_id AND s.person_id = r.person_id AND s.occurred_at < ws.starts_at);
