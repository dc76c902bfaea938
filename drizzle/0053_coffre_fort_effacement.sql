ALTER TABLE "vault_documents" ADD COLUMN "file_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE vault_documents ADD CONSTRAINT vault_documents_fichier_efface CHECK (file_removed_at IS NULL OR removed_at IS NOT NULL);
--> statement-breakpoint
-- Une personne anonymisée ou effacée, par quelque chemin que ce soit : sa clé et celles de ses papiers sont détruites
-- dans la même transaction (les fichiers chiffrés deviennent illisibles, même dans une sauvegarde ; le worker les
-- efface ensuite du stockage). Sous les droits de l'appelant : la RLS de sa structure s'applique.
CREATE OR REPLACE FUNCTION relais_destroy_vault_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE vault_documents SET wrapped_key = NULL, removed_at = coalesce(removed_at, now())
   WHERE structure_id = NEW.structure_id AND person_id = NEW.id AND (wrapped_key IS NOT NULL OR removed_at IS NULL);
  UPDATE vaults SET wrapped_key = NULL, destroyed_at = now()
   WHERE structure_id = NEW.structure_id AND person_id = NEW.id AND destroyed_at IS NULL;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_anonymised_destroy_vault AFTER UPDATE OF anonymised_at ON persons
  FOR EACH ROW WHEN (OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL)
  EXECUTE FUNCTION relais_destroy_vault_keys();
