// Les partages vers un destinataire que la personne choisit dans une liste (issue 21) : un agent de sa structure qui
// l'a aidée (il ouvre alors ces papiers sans motif à donner), ou la structure partenaire d'une de ses orientations (elle
// les lit depuis l'orientation reçue). Ni adresse, ni lien, ni code : le destinataire a un compte sur Relais. La base
// refuse un agent qui ne l'a pas aidée, et une orientation qui n'est pas la sienne (politiques de drizzle/0060).
import crypto from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { structures } from '../../platform/schema';
import { places } from '../directory/schema';
import { referrals } from '../referrals/schema';
import { shareExpiry, type ChosenShareRequest } from './rules';
import { vaultShares } from './schema';
import { presentDocuments } from './shares.server';
import { auditVault, type VaultOwner } from './vault.server';

/** Les agents qui ont aidé la personne de la session, encore médiateurs ou travailleurs sociaux de la structure. */
export async function helperChoices(tx: Tx) {
  const rows = await sqlRows<{ user_id: string; display_name: string }>(tx, sql`select user_id, display_name from relais_my_helpers()`);
  return rows.map((row) => ({ userId: row.user_id, name: row.display_name }));
}

/** Les orientations de la personne vers une structure partenaire sur Relais (pas expirées) : où elle peut envoyer. */
export async function partnerChoices(tx: Tx, owner: VaultOwner) {
  return tx
    .select({ referralId: referrals.id, placeName: places.name, partnerId: structures.id, partnerName: structures.name })
    .from(referrals)
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .innerJoin(structures, eq(structures.id, referrals.partnerStructureId))
    .where(
      and(
        eq(referrals.structureId, owner.structureId),
        eq(referrals.personId, owner.personId),
        isNotNull(referrals.partnerStructureId),
        isNull(referrals.expiredAt),
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(20);
}

export type ChosenRecipient =
  { kind: 'agent'; userId: string; name: string } | { kind: 'orientation'; referralId: string; structureId: string; name: string };

/** Crée le partage vers le destinataire choisi (déjà vérifié parmi ceux proposés) ; null si un papier n'est plus là. */
export async function createChosenShare(
  tx: Tx,
  owner: VaultOwner,
  request: ChosenShareRequest,
  recipient: ChosenRecipient,
  createdBy: string | null,
  now: Date,
) {
  const present = await presentDocuments(tx, owner, request.documentIds);
  if (present.length !== request.documentIds.length) return null;
  const id = crypto.randomUUID();
  const expiresAt = shareExpiry(now, request.duration);
  await tx.insert(vaultShares).values({
    ...owner,
    id,
    documentIds: request.documentIds,
    recipientKind: recipient.kind,
    recipientName: recipient.name,
    recipientUserId: recipient.kind === 'agent' ? recipient.userId : null,
    referralId: recipient.kind === 'orientation' ? recipient.referralId : null,
    recipientStructureId: recipient.kind === 'orientation' ? recipient.structureId : null,
    expiresAt,
    createdBy,
    createdAt: now,
  });
  await auditVault(tx, owner, createdBy, 'coffre.partage_cree', { type: 'partage', id }, { papiers: request.documentIds.length });
  return { id, expiresAt, recipientName: recipient.name };
}
