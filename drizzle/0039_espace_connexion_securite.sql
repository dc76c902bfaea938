-- Connexion des habitants (issue 20, décision 023) : codes à usage unique, sessions à part de celles des agents, rythme
-- des demandes. Avant la connexion, on ne sait ni la structure ni la personne : les lectures qui traversent les
-- structures passent par une empreinte posée dans un réglage (comme l'e-mail d'un agent à sa connexion) ou par une
-- fonction du propriétaire qui ne rend que le strict nécessaire.
SELECT relais_tenant_table('resident_codes', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('resident_sessions', 'SELECT, INSERT, UPDATE, DELETE');
--> statement-breakpoint
ALTER TABLE resident_codes ADD CONSTRAINT resident_codes_essais CHECK (attempts BETWEEN 0 AND 5);
--> statement-breakpoint
-- Le code saisi se retrouve par l'empreinte du contact tapé, quelle que soit la structure.
CREATE POLICY resident_codes_contact ON resident_codes FOR SELECT TO relais_app
  USING (contact_hash = relais_setting('relais.contact_hash'));
--> statement-breakpoint
CREATE POLICY resident_codes_contact_essai ON resident_codes FOR UPDATE TO relais_app
  USING (contact_hash = relais_setting('relais.contact_hash'))
  WITH CHECK (contact_hash = relais_setting('relais.contact_hash'));
--> statement-breakpoint
-- La session d'un habitant se retrouve par l'empreinte de son jeton (son cookie), quelle que soit la structure.
CREATE POLICY resident_sessions_jeton ON resident_sessions TO relais_app
  USING (token_hash = relais_setting('relais.resident_session'))
  WITH CHECK (token_hash = relais_setting('relais.resident_session'));
--> statement-breakpoint
ALTER TABLE resident_code_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE resident_code_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Compte et note une demande de code ; faux si le contact ou l'adresse IP a déjà demandé trop de codes dans l'heure.
CREATE OR REPLACE FUNCTION relais_resident_code_allowed(contact text, ip text, at timestamptz, per_contact integer, per_ip integer)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  by_contact integer;
  by_ip integer;
BEGIN
  SELECT count(*) INTO by_contact FROM resident_code_requests WHERE contact_hash = contact AND requested_at > at - interval '1 hour';
  SELECT count(*) INTO by_ip FROM resident_code_requests WHERE ip_hash = ip AND ip <> '' AND requested_at > at - interval '1 hour';
  INSERT INTO resident_code_requests (contact_hash, ip_hash, requested_at) VALUES (contact, ip, at);
  RETURN by_contact < per_contact AND by_ip < per_ip;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_code_allowed(text, text, timestamptz, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_code_allowed(text, text, timestamptz, integer, integer) TO relais_app;
--> statement-breakpoint
-- Un numéro tel que la fiche l'écrit, réduit à ses chiffres (+33 devient 0) : la forme que compare la connexion.
CREATE OR REPLACE FUNCTION relais_phone_digits(phone text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT regexp_replace(regexp_replace(coalesce(phone, ''), '[\s.\-]', '', 'g'), '^\+33', '0') $$;
--> statement-breakpoint
-- Les espaces ouverts qui se connectent par ce contact (SMS : le portable de la fiche ; e-mail : son adresse). Rend la
-- structure, l'espace et la personne, rien d'autre : la requête d'un inconnu n'apprend rien de plus.
CREATE OR REPLACE FUNCTION relais_spaces_for_contact(channel text, contact text)
  RETURNS TABLE (structure_id uuid, space_id uuid, person_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.structure_id, s.id, s.person_id
    FROM resident_spaces s
    JOIN persons p ON p.structure_id = s.structure_id AND p.id = s.person_id
   WHERE s.closed_at IS NULL AND p.anonymised_at IS NULL AND s.sign_in_channel = channel AND contact <> ''
     AND CASE channel
           WHEN 'sms' THEN relais_phone_digits(p.phone) = contact
           WHEN 'email' THEN lower(btrim(p.email)) = contact
           ELSE false
         END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_spaces_for_contact(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_spaces_for_contact(text, text) TO relais_app;
--> statement-breakpoint
-- Le ménage : sessions d'habitants expirées, codes périmés depuis un jour, demandes de plus d'un jour.
CREATE OR REPLACE FUNCTION relais_purge_resident_expired(at timestamptz) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  purged integer := 0;
  n integer;
BEGIN
  DELETE FROM resident_sessions WHERE expires_at <= at OR last_seen_at < at - interval '30 minutes'
    OR (shared_computer AND last_seen_at < at - interval '5 minutes');
  GET DIAGNOSTICS n = ROW_COUNT;
  purged := purged + n;
  DELETE FROM resident_codes WHERE expires_at < at - interval '1 day';
  GET DIAGNOSTICS n = ROW_COUNT;
  purged := purged + n;
  DELETE FROM resident_code_requests WHERE requested_at < at - interval '1 day';
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN purged + n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_purge_resident_expired(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_purge_resident_expired(timestamptz) TO relais_app;
--> statement-breakpoint
-- Un espace fermé (par un agent ou par l'anonymisation de la fiche) ne garde ni session ni code valable.
CREATE OR REPLACE FUNCTION relais_end_resident_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM resident_sessions WHERE structure_id = NEW.structure_id AND space_id = NEW.id;
  UPDATE resident_codes SET expires_at = NEW.closed_at
    WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND expires_at > NEW.closed_at;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER resident_spaces_closed_end_access AFTER UPDATE OF closed_at ON resident_spaces
  FOR EACH ROW WHEN (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL)
  EXECUTE FUNCTION relais_end_resident_access();
--> statement-breakpoint
-- « Besoin d'aide ? » et demain « Trouver de l'aide » : l'annuaire de la structure est public (schéma national).
GRANT SELECT ON places TO relais_resident;
