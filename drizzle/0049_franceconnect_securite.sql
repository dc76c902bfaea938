-- Portail des habitants (issue 20) : la connexion par FranceConnect. L'identité FranceConnect (son empreinte) est
-- rattachée à un espace ; la première fois, elle attend la confirmation du médiateur.
SELECT relais_tenant_table('resident_identities', 'SELECT, INSERT, UPDATE, DELETE');
--> statement-breakpoint
ALTER TABLE resident_identities ADD CONSTRAINT resident_identities_fournisseur CHECK (provider IN ('franceconnect'));
--> statement-breakpoint
ALTER TABLE resident_identities ADD CONSTRAINT resident_identities_confirmation CHECK (
  (confirmed_at IS NULL AND confirmed_by IS NULL AND claimed IS NOT NULL)
  OR (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL AND claimed IS NULL));
--> statement-breakpoint
-- Un nom comparable : minuscules, sans accents, sans espaces, tirets ni apostrophes (« Élodie-Anne » = « ELODIE ANNE »).
CREATE OR REPLACE FUNCTION relais_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(
    translate(lower(coalesce(name, '')), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿæœ', 'aaaaaaceeeeiiiinooooouuuuyyæœ'),
    '[^a-zæœ]', '', 'g')
$$;
--> statement-breakpoint
-- Les rattachements d'une identité FranceConnect (son empreinte) à des espaces ouverts, confirmés ou non. Rend la
-- structure, l'espace, la personne et l'état, rien d'autre.
CREATE OR REPLACE FUNCTION relais_identity_links(provider_name text, subject text)
  RETURNS TABLE (structure_id uuid, space_id uuid, person_id uuid, confirmed boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.structure_id, i.space_id, i.person_id, i.confirmed_at IS NOT NULL
    FROM resident_identities i
    JOIN resident_spaces s ON s.structure_id = i.structure_id AND s.id = i.space_id
   WHERE i.provider = provider_name AND i.subject_hash = subject AND s.closed_at IS NULL
   ORDER BY i.confirmed_at DESC NULLS LAST, i.created_at DESC
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_identity_links(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_identity_links(text, text) TO relais_app;
--> statement-breakpoint
-- Les espaces ouverts dont la fiche porte ce prénom (le premier des prénoms), ce nom et cette année de naissance. Une
-- fiche sans nom ou sans année de naissance ne ressemble à personne : le médiateur rattache alors à la main.
CREATE OR REPLACE FUNCTION relais_spaces_for_identity(claimed_given text, claimed_family text, claimed_year integer)
  RETURNS TABLE (structure_id uuid, space_id uuid, person_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.structure_id, s.id, s.person_id
    FROM resident_spaces s
    JOIN persons p ON p.structure_id = s.structure_id AND p.id = s.person_id
   WHERE s.closed_at IS NULL AND p.anonymised_at IS NULL
     AND p.birth_year IS NOT NULL AND p.birth_year = claimed_year
     AND relais_name_key(p.last_name) <> '' AND relais_name_key(p.last_name) = relais_name_key(claimed_family)
     AND relais_name_key(p.first_name) <> ''
     AND relais_name_key(p.first_name) = relais_name_key(split_part(btrim(claimed_given), ' ', 1))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_spaces_for_identity(text, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_spaces_for_identity(text, text, integer) TO relais_app;
--> statement-breakpoint
-- Un espace fermé ne garde pas non plus d'identité en attente de confirmation.
CREATE OR REPLACE FUNCTION relais_end_resident_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM resident_sessions WHERE structure_id = NEW.structure_id AND space_id = NEW.id;
  UPDATE resident_codes SET expires_at = NEW.closed_at
    WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND expires_at > NEW.closed_at;
  UPDATE resident_cards SET revoked_at = NEW.closed_at, revocation_reason = 'espace_ferme'
    WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND revoked_at IS NULL;
  DELETE FROM resident_identities WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND confirmed_at IS NULL;
  RETURN NEW;
END $$;
