-- Coffre-fort dans le portail et partages (issue 21). La personne, sous le rôle relais_resident, lit et range ses
-- seuls papiers, fait et retire ses seuls partages ; l'organisme qui ouvre un lien de partage passe sous le même rôle,
-- réglé sur la personne qui a partagé : la RLS ne lui laisse que les lignes de cette personne (le serveur limite
-- ensuite aux papiers du partage). Les gestes de la personne ou de l'organisme vont au journal par une fonction qui ne
-- trace que des actions du coffre, sur les cibles de cette personne.
SELECT relais_tenant_table('vault_shares', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT relais_tenant_table('vault_share_events', 'SELECT, INSERT');
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_destinataire CHECK (
  (recipient_kind = 'structure' AND recipient_email IS NULL AND code_hash IS NULL AND access_hash IS NULL)
  OR (recipient_kind = 'organisme' AND recipient_email IS NOT NULL AND length(recipient_email) <= 254));
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_nom CHECK (length(btrim(recipient_name)) BETWEEN 1 AND 120);
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_papiers CHECK (cardinality(document_ids) BETWEEN 1 AND 20);
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_duree CHECK (
  expires_at > created_at AND expires_at <= created_at + interval '93 days');
--> statement-breakpoint
ALTER TABLE vault_shares ADD CONSTRAINT vault_shares_essais CHECK (code_attempts BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE vault_share_events ADD CONSTRAINT vault_share_events_action CHECK (action IN ('vu', 'telecharge'));
--> statement-breakpoint
GRANT SELECT, INSERT ON vaults TO relais_resident;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON vault_documents, vault_shares TO relais_resident;
--> statement-breakpoint
GRANT SELECT, INSERT ON vault_share_events TO relais_resident;
--> statement-breakpoint
CREATE POLICY vaults_resident ON vaults AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id()) WITH CHECK (person_id = relais_person_id() AND consent_by IS NULL);
--> statement-breakpoint
CREATE POLICY vault_documents_resident ON vault_documents AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id()) WITH CHECK (person_id = relais_person_id() AND removed_by IS NULL);
--> statement-breakpoint
-- Un papier que la personne range est le sien (sans agent) ; elle peut détruire aussi ceux qu'un agent a rangés.
CREATE POLICY vault_documents_resident_ajout ON vault_documents AS RESTRICTIVE FOR INSERT TO relais_resident
  WITH CHECK (added_by IS NULL);
--> statement-breakpoint
CREATE POLICY vault_shares_resident ON vault_shares AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id()) WITH CHECK (person_id = relais_person_id());
--> statement-breakpoint
-- Un partage que la personne crée est le sien ; elle arrête aussi ceux faits avec un agent.
CREATE POLICY vault_shares_resident_ajout ON vault_shares AS RESTRICTIVE FOR INSERT TO relais_resident
  WITH CHECK (created_by IS NULL);
--> statement-breakpoint
CREATE POLICY vault_share_events_resident ON vault_share_events AS RESTRICTIVE TO relais_resident
  USING (person_id = relais_person_id()) WITH CHECK (person_id = relais_person_id());
--> statement-breakpoint
-- À qui est un partage fait pour un organisme, d'après son seul identifiant (pris dans un lien dont le serveur a
-- vérifié la signature et l'expiration) : la structure et la personne, rien d'autre.
CREATE OR REPLACE FUNCTION relais_vault_share_owner(share uuid)
  RETURNS TABLE (structure_id uuid, person_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.structure_id, s.person_id FROM vault_shares s WHERE s.id = share AND s.recipient_kind = 'organisme'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_vault_share_owner(uuid) FROM PUBLIC;
--> statement-breakpoint
-- Aussi sous relais_resident : après l'action (le code tapé), le loader de la même requête relit le lien alors que la
-- transaction est déjà passée sous ce rôle.
GRANT EXECUTE ON FUNCTION relais_vault_share_owner(uuid) TO relais_app, relais_resident;
--> statement-breakpoint
-- Un geste du coffre fait par la personne (ou par l'organisme à qui elle a partagé), au journal de sa structure, sans
-- agent : seulement ces actions, et seulement sur elle-même, ses papiers ou ses partages.
CREATE OR REPLACE FUNCTION relais_resident_vault_audit(action text, target_type text, target uuid, details jsonb)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF relais_person_id() IS NULL OR relais_structure_id() IS NULL
     OR action NOT IN ('coffre.ouvert', 'coffre.document_ajoute', 'coffre.document_retire', 'coffre.partage_cree',
                       'coffre.partage_retire', 'coffre.partage_code', 'coffre.partage_document_ouvert') THEN
    RETURN false;
  END IF;
  IF NOT ((target_type = 'personne' AND target = relais_person_id())
       OR (target_type = 'document' AND EXISTS (SELECT 1 FROM vault_documents d WHERE d.structure_id = relais_structure_id()
             AND d.id = target AND d.person_id = relais_person_id()))
       OR (target_type = 'partage' AND EXISTS (SELECT 1 FROM vault_shares s WHERE s.structure_id = relais_structure_id()
             AND s.id = target AND s.person_id = relais_person_id()))) THEN
    RETURN false;
  END IF;
  INSERT INTO audit_events (structure_id, actor_user_id, action, target_type, target_id, details)
    VALUES (relais_structure_id(), NULL, action, target_type, target::text, details);
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_vault_audit(text, text, uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_vault_audit(text, text, uuid, jsonb) TO relais_resident;
--> statement-breakpoint
-- Les deux messages d'un partage pour un organisme, chacun à part : le lien, puis le code. Écrits par l'application,
-- envoyés à l'adresse du partage (jamais une autre), une fois par code.
CREATE OR REPLACE FUNCTION relais_resident_share_message(share uuid, kind text, at timestamptz, subject text, body text)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  target vault_shares%ROWTYPE;
BEGIN
  IF relais_person_id() IS NULL OR relais_structure_id() IS NULL OR kind NOT IN ('lien', 'code') THEN
    RETURN false;
  END IF;
  SELECT * INTO target FROM vault_shares s
   WHERE s.structure_id = relais_structure_id() AND s.id = share AND s.person_id = relais_person_id()
     AND s.recipient_kind = 'organisme' AND s.revoked_at IS NULL AND s.expires_at > at;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO outbox (structure_id, channel, recipient, subject, body, purpose, subject_id, dedupe_key, run_at, created_at)
    VALUES (target.structure_id, 'email', target.recipient_email, subject, body, 'coffre.partage_' || kind, target.person_id,
            'coffre.partage_' || kind || ':' || target.id || ':' || coalesce(target.code_hash, ''), at, at)
    ON CONFLICT DO NOTHING;
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION relais_resident_share_message(uuid, text, timestamptz, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resident_share_message(uuid, text, timestamptz, text, text) TO relais_resident;
