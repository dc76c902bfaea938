CREATE TABLE "invitations" (
	"structure_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'en_attente' NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "invitations_structure_id_id_pk" PRIMARY KEY("structure_id","id")
);
--> statement-breakpoint
CREATE TABLE "password_reset_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_idx" ON "invitations" USING btree ("structure_id","email") WHERE status = 'en_attente';--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "password_reset_requests_time_idx" ON "password_reset_requests" USING btree ("requested_at");--> statement-breakpoint
-- Inviter un compte qui existe déjà crée une invitation que l'agent accepte ou refuse (revue de sécurité, point 5) :
-- la structure qui invite voit ses invitations ; l'agent invité voit et ne fait que répondre à celles faites à son
-- adresse ; l'adhésion se crée seulement depuis une invitation en attente, par l'agent lui-même.
ALTER TABLE invitations ADD CONSTRAINT invitations_status CHECK (status IN ('en_attente', 'acceptee', 'refusee', 'annulee'));
--> statement-breakpoint
ALTER TABLE invitations ADD CONSTRAINT invitations_answered CHECK ((status = 'en_attente') = (answered_at IS NULL));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_user_email() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT email FROM users WHERE id = relais_user_id() $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_user_email() TO relais_app;
--> statement-breakpoint
SELECT relais_tenant_table('invitations', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
CREATE POLICY invitations_lecture_invite ON invitations FOR SELECT USING (email = relais_user_email());
--> statement-breakpoint
CREATE POLICY invitations_reponse_invite ON invitations FOR UPDATE
  USING (email = relais_user_email() AND status = 'en_attente')
  WITH CHECK (email = relais_user_email() AND status IN ('acceptee', 'refusee'));
--> statement-breakpoint
CREATE POLICY memberships_acceptation ON memberships FOR INSERT WITH CHECK (
  user_id = relais_user_id() AND disabled_at IS NULL AND EXISTS (
    SELECT 1 FROM invitations i
    WHERE i.structure_id = memberships.structure_id AND i.email = relais_user_email()
      AND i.status = 'en_attente' AND i.role = memberships.role));
--> statement-breakpoint
-- Un compte ne s'écrit que par lui-même, ou le temps d'une connexion (e-mail saisi) ou d'une réinitialisation
-- (jeton reçu) ; une structure ne modifie plus le compte de ses membres (WITH CHECK (true) retiré).
DROP POLICY users_modification ON users;
--> statement-breakpoint
CREATE POLICY users_modification ON users FOR UPDATE USING (
  id = relais_user_id()
  OR email = relais_setting('relais.login_email')
  OR reset_token_hash = relais_setting('relais.reset_token_hash')
) WITH CHECK (id = relais_user_id() OR email = relais_setting('relais.login_email'));
--> statement-breakpoint
-- Mot de passe oublié (point 6) : la requête dépose une demande, toujours la même, et ne lit rien ; seul le worker
-- les reprend, par la fonction ci-dessous (droits du propriétaire), une adresse à la fois.
ALTER TABLE password_reset_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE password_reset_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY password_reset_requests_depot ON password_reset_requests FOR INSERT WITH CHECK (true);
--> statement-breakpoint
GRANT INSERT ON password_reset_requests TO relais_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_take_reset_request() RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  chosen text;
BEGIN
  SELECT email INTO chosen FROM password_reset_requests ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF chosen IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM password_reset_requests WHERE id IN (
    SELECT id FROM password_reset_requests WHERE email = chosen FOR UPDATE SKIP LOCKED);
  RETURN chosen;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_take_reset_request() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_take_reset_request() TO relais_app;
--> statement-breakpoint
-- Le ménage efface aussi les demandes restées plus d'une heure (un envoi qui échoue sans fin).
CREATE OR REPLACE FUNCTION relais_purge_expired(at timestamptz, idle interval) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  purged integer := 0;
  n integer;
BEGIN
  DELETE FROM sessions WHERE expires_at <= at OR last_seen_at < at - idle;
  GET DIAGNOSTICS n = ROW_COUNT;
  purged := purged + n;
  DELETE FROM sign_in_throttles WHERE updated_at < at - interval '1 day' AND (locked_until IS NULL OR locked_until < at);
  GET DIAGNOSTICS n = ROW_COUNT;
  purged := purged + n;
  DELETE FROM password_reset_requests WHERE requested_at < at - interval '1 hour';
  GET DIAGNOSTICS n = ROW_COUNT;
  purged := purged + n;
  UPDATE users SET reset_token_hash = NULL, reset_expires_at = NULL WHERE reset_expires_at <= at;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN purged + n;
END $$;
