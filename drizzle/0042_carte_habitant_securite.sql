-- La carte des habitants (issue 20, décision 024) : lue avant la connexion par l'empreinte de son identifiant (posée
-- dans le réglage relais.card_hash, comme le contact d'un code), dans toutes les structures, et par elle seule.
SELECT relais_tenant_table('resident_cards', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
ALTER TABLE resident_cards ADD CONSTRAINT resident_cards_essais CHECK (attempts BETWEEN 0 AND 5);
--> statement-breakpoint
ALTER TABLE resident_cards ADD CONSTRAINT resident_cards_retrait CHECK (
  (revoked_at IS NULL AND revocation_reason IS NULL)
  OR (revoked_at IS NOT NULL AND revocation_reason IN ('remplacee','perdue','retiree','espace_ferme')));
--> statement-breakpoint
CREATE POLICY resident_cards_jeton ON resident_cards FOR SELECT TO relais_app
  USING (card_hash = relais_setting('relais.card_hash'));
--> statement-breakpoint
CREATE POLICY resident_cards_jeton_essai ON resident_cards FOR UPDATE TO relais_app
  USING (card_hash = relais_setting('relais.card_hash'))
  WITH CHECK (card_hash = relais_setting('relais.card_hash'));
--> statement-breakpoint
-- Un espace fermé (par un agent ou par l'anonymisation de la fiche) ne garde ni session, ni code, ni carte valable.
CREATE OR REPLACE FUNCTION relais_end_resident_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM resident_sessions WHERE structure_id = NEW.structure_id AND space_id = NEW.id;
  UPDATE resident_codes SET expires_at = NEW.closed_at
    WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND expires_at > NEW.closed_at;
  UPDATE resident_cards SET revoked_at = NEW.closed_at, revocation_reason = 'espace_ferme'
    WHERE structure_id = NEW.structure_id AND space_id = NEW.id AND revoked_at IS NULL;
  RETURN NEW;
END $$;
