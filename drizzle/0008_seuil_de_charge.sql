ALTER TABLE "structures" ADD COLUMN "weekly_load_alert_minutes" integer DEFAULT 1800 NOT NULL;--> statement-breakpoint
ALTER TABLE structures ADD CONSTRAINT structures_seuil_de_charge CHECK (weekly_load_alert_minutes BETWEEN 60 AND 4800);
