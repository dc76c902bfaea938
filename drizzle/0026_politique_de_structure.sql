-- La politique standard d'une table d'une structure, écrite une fois : une nouvelle table l'obtient par
--   SELECT relais_tenant_table('ma_table', 'SELECT, INSERT, UPDATE');
-- (RLS activée et forcée, une politique « <table>_structure » qui ne laisse voir et écrire que les lignes de la
-- structure active, et les droits donnés au rôle relais_app). Les politiques particulières (orientations partagées,
-- notes privées, journal en ajout seul…) restent écrites à la main, commentées, dans leur migration.
CREATE OR REPLACE FUNCTION relais_tenant_table(target regclass, privileges text DEFAULT 'SELECT, INSERT, UPDATE')
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  IF privileges !~ '^(SELECT|INSERT|UPDATE|DELETE)(, (SELECT|INSERT|UPDATE|DELETE))*$' THEN
    RAISE EXCEPTION 'relais_tenant_table : droits inattendus « % »', privileges;
  END IF;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY %I ON %s USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id())',
    name || '_structure', target);
  EXECUTE format('GRANT %s ON %s TO relais_app', privileges, target);
END $$;
