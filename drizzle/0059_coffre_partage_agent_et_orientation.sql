ALTER TABLE "vault_shares" ADD COLUMN "recipient_user_id" uuid;--> statement-breakpoint
ALTER TABLE "vault_shares" ADD COLUMN "referral_id" uuid;--> statement-breakpoint
ALTER TABLE "vault_shares" ADD COLUMN "recipient_structure_id" uuid;--> statement-breakpoint
ALTER TABLE "vault_shares" ADD CONSTRAINT "vault_shares_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_shares" ADD CONSTRAINT "vault_shares_recipient_structure_id_structures_id_fk" FOREIGN KEY ("recipient_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_shares" ADD CONSTRAINT "vault_shares_structure_id_referral_id_referrals_structure_id_id_fk" FOREIGN KEY ("structure_id","referral_id") REFERENCES "public"."referrals"("structure_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vault_shares_recipient_idx" ON "vault_shares" USING btree ("recipient_structure_id","referral_id") WHERE recipient_structure_id is not null;