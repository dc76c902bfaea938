-- Rendez-vous dans l'espace de la personne (issue 22) : sous le rôle relais_resident, elle lit ses seuls rendez-vous et
-- le nom des motifs de sa structure (rien sur les autres personnes). Elle annule par le lien signé (0064).
GRANT SELECT ON appointments, appointment_motifs TO relais_resident;
--> statement-breakpoint
CREATE POLICY appointments_resident ON appointments AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
