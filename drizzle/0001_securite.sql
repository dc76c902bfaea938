-- Sécurité du socle : rôle applicatif, fonctions de contexte, droits et RLS.
-- Le serveur ouvre chaque transaction par `SET LOCAL ROLE relais_app` et des `set_config(..., true)`
-- (app/db/transaction.server.ts). relais_app n'est ni superutilisateur ni BYPASSRLS :
-- une clause `where` oubliée ne peut rien laisser fuir.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'relais_app') THEN
    CREATE ROLE relais_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT pg_has_role(current_user, 'relais_app', 'MEMBER') THEN
    EXECUTE format('GRANT relais_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
-- Réglage absent ou vide (après une transaction il reste à '') : NULL, donc aucune ligne.
CREATE OR REPLACE FUNCTION relais_setting(name text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting(name, true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_structure_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT relais_setting('relais.structure_id')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_user_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT relais_setting('relais.user_id')::uuid $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO relais_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_setting(text), relais_structure_id(), relais_user_id() TO relais_app;
--> statement-breakpoint

-- structures : le nom et l'adresse d'une structure sont publics (portail, orientations) ;
-- seule la structure active se modifie. Créer une structure est un geste d'exploitant (CLI).
ALTER TABLE structures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE structures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY structures_lecture ON structures FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY structures_modification ON structures FOR UPDATE
  USING (id = relais_structure_id()) WITH CHECK (id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, UPDATE ON structures TO relais_app;
--> statement-breakpoint

-- memberships : une structure voit ses membres ; chacun voit ses propres adhésions
-- (pour choisir sa structure active).
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_lecture ON memberships FOR SELECT
  USING (structure_id = relais_structure_id() OR user_id = relais_user_id());
--> statement-breakpoint
CREATE POLICY memberships_creation ON memberships FOR INSERT
  WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
CREATE POLICY memberships_modification ON memberships FOR UPDATE
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON memberships TO relais_app;
--> statement-breakpoint

-- users : un compte n'appartient à aucune structure, mais ne se voit que par soi-même,
-- par une structure dont il est membre, ou le temps d'une connexion (e-mail saisi) ou
-- d'une réinitialisation (jeton reçu).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_lecture ON users FOR SELECT USING (
  id = relais_user_id()
  OR email = relais_setting('relais.login_email')
  OR reset_token_hash = relais_setting('relais.reset_token_hash')
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.structure_id = relais_structure_id())
);
--> statement-breakpoint
CREATE POLICY users_modification ON users FOR UPDATE USING (
  id = relais_user_id()
  OR email = relais_setting('relais.login_email')
  OR reset_token_hash = relais_setting('relais.reset_token_hash')
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.structure_id = relais_structure_id())
) WITH CHECK (true);
--> statement-breakpoint
-- Inviter un agent crée son compte : seulement depuis une structure active.
CREATE POLICY users_creation ON users FOR INSERT WITH CHECK (relais_structure_id() IS NOT NULL);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO relais_app;
--> statement-breakpoint

-- sessions : on ne lit que la session dont on présente le jeton, ou les siennes.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_propres ON sessions
  USING (id = relais_setting('relais.session_id') OR user_id = relais_user_id())
  WITH CHECK (user_id = relais_user_id() OR id = relais_setting('relais.session_id'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO relais_app;
--> statement-breakpoint

-- sign_in_throttles : compteur d'échecs par e-mail haché, lisible seulement pour l'e-mail saisi.
ALTER TABLE sign_in_throttles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sign_in_throttles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sign_in_throttles_saisi ON sign_in_throttles
  USING (email_hash = relais_setting('relais.login_email_hash'))
  WITH CHECK (email_hash = relais_setting('relais.login_email_hash'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_throttles TO relais_app;
--> statement-breakpoint

-- audit_events : journal de la structure active, en ajout seul (ni UPDATE ni DELETE accordés).
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_events_structure ON audit_events
  USING (structure_id = relais_structure_id()) WITH CHECK (structure_id = relais_structure_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO relais_app;
