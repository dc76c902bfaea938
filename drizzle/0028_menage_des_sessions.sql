-- Le ménage des secrets périmés, fait par le worker à chaque tour : sessions échues (absolues ou inactives), compteurs
-- d'échecs de connexion anciens et non verrouillés, liens de mot de passe ou d'invitation expirés. Ces lignes ne se
-- lisent que par leur porteur (RLS) : la fonction les efface avec les droits du propriétaire, et rien d'autre.
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
  UPDATE users SET reset_token_hash = NULL, reset_expires_at = NULL WHERE reset_expires_at <= at;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN purged + n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_purge_expired(timestamptz, interval) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_purge_expired(timestamptz, interval) TO relais_app;
