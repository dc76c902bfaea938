-- Portail des habitants (C10), décision 022 : l'espace personnel, et le rôle relais_resident sous lequel passeront les
-- requêtes d'un habitant. Ce rôle n'a que les droits que le portail lit ; sur chaque table qui porte des lignes d'une
-- personne, une politique RESTRICTIVE ne lui laisse que celles de la personne de la session (relais.person_id), en plus
-- de la politique de structure. Un oubli de « where » dans une page du portail ne montre donc rien d'une autre personne.
ALTER TABLE resident_spaces ADD CONSTRAINT resident_spaces_moyen CHECK (sign_in_channel IN ('sms','email','carte','franceconnect'));
--> statement-breakpoint
-- Fermé par un agent (closed_by) ou par Relais lui-même (anonymisation de la fiche : closed_by vide).
ALTER TABLE resident_spaces ADD CONSTRAINT resident_spaces_fermeture CHECK (closed_by IS NULL OR closed_at IS NOT NULL);
--> statement-breakpoint
SELECT relais_tenant_table('resident_spaces', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'relais_resident') THEN
    CREATE ROLE relais_resident NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT pg_has_role(current_user, 'relais_resident', 'MEMBER') THEN
    EXECUTE format('GRANT relais_resident TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_person_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT relais_setting('relais.person_id')::uuid $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO relais_resident;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_setting(text), relais_structure_id(), relais_person_id() TO relais_resident;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_person_id() TO relais_app;
--> statement-breakpoint
-- Le nom de sa structure (en-tête du portail, « Besoin d'aide ? »).
GRANT SELECT ON structures TO relais_resident;
--> statement-breakpoint
GRANT SELECT ON persons, solicitations, resident_spaces TO relais_resident;
--> statement-breakpoint
CREATE POLICY persons_resident ON persons AS RESTRICTIVE TO relais_resident USING (id = relais_person_id());
--> statement-breakpoint
CREATE POLICY solicitations_resident ON solicitations AS RESTRICTIVE TO relais_resident USING (person_id = relais_person_id());
--> statement-breakpoint
CREATE POLICY resident_spaces_resident ON resident_spaces AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id() AND closed_at IS NULL);
--> statement-breakpoint
-- Une fiche anonymisée (purge de conservation, et demain effacement demandé) ferme son espace, quel que soit le chemin
-- qui l'anonymise : l'invariant tient dans la base.
CREATE OR REPLACE FUNCTION relais_close_spaces_of_anonymised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resident_spaces SET closed_at = NEW.anonymised_at
    WHERE structure_id = NEW.structure_id AND person_id = NEW.id AND closed_at IS NULL;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_anonymised_close_spaces AFTER UPDATE OF anonymised_at ON persons
  FOR EACH ROW WHEN (OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL)
  EXECUTE FUNCTION relais_close_spaces_of_anonymised();
