CREATE TABLE "key_ring" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"wrapped_root" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
-- Une seule ligne ; la RLS est forcée comme partout, et aucun rôle applicatif n'a de droit sur la table : seules la
-- CLI, le démarrage et la rotation de la clé maîtresse (propriétaire du schéma) la lisent et l'écrivent.
ALTER TABLE key_ring ADD CONSTRAINT key_ring_single CHECK (id = 1);
--> statement-breakpoint
ALTER TABLE key_ring ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE key_ring FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY key_ring_proprietaire ON key_ring USING (true) WITH CHECK (true);
