-- Les échecs de connexion se comptent par e-mail et par adresse IP (hachés) : une adresse qui se trompe ne bloque
-- plus l'e-mail pour tous. La ligne d'adresse « * » compte les échecs du compte, toutes adresses confondues.
ALTER TABLE "sign_in_throttles" DROP CONSTRAINT "sign_in_throttles_pkey";--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "ip_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD CONSTRAINT "sign_in_throttles_email_hash_ip_hash_pk" PRIMARY KEY("email_hash","ip_hash");
