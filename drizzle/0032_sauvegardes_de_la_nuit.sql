CREATE TABLE "backup_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"file" text NOT NULL,
	"size_bytes" bigint,
	"status" text NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "backup_runs_time_idx" ON "backup_runs" USING btree ("started_at");--> statement-breakpoint
-- Le compte rendu des sauvegardes de la nuit n'appartient à aucune structure et ne porte aucune donnée personnelle :
-- le worker l'écrit, tout administrateur le lit (date, taille, réussite).
ALTER TABLE backup_runs ADD CONSTRAINT backup_runs_status CHECK (status IN ('reussie', 'echec'));
--> statement-breakpoint
ALTER TABLE backup_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE backup_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY backup_runs_compte_rendu ON backup_runs USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT ON backup_runs TO relais_app;
