// Partager des papiers avec la structure partenaire où la personne est orientée (issue 21), par l'accord d'orientation
// (referral_handoffs) : la personne choisit l'orientation, les papiers et la durée ; les agents du partenaire les
// ouvrent depuis l'orientation reçue, marqués « Transmis par … », et chaque ouverture est notée pour la personne. La
// RLS (drizzle/0060) ne laisse au partenaire que les partages en cours qui le visent, et leurs seuls papiers.
import crypto from 'node:crypto';
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { places } from '../directory/schema';
import { referralHandoffs, referrals } from '../referrals/schema';
import { shareExpiry, type PartnerShareRequest } from './rules';
import { shareMark } from './share-messages';
import { vaultDocuments, vaultShareEvents, vaultShares } from './schema';
import { auditVault, openDocument, readWhole, type VaultOwner } from './vault.server';
import { watermarkedPdf } from './watermark.server';

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

export type PartnerChoice = Awaited<ReturnType<typeof partnerChoices>>[number];

/** Crée le partage vers le partenaire de l'orientation choisie (déjà vérifiée parmi `partnerChoices`). */
export async function createPartnerShare(
  tx: Tx,
  owner: VaultOwner,
  request: PartnerShareRequest,
  choice: PartnerChoice,
  createdBy: string | null,
  now: Date,
) {
  const present = await tx
    .select({ id: vaultDocuments.id })
    .from(vaultDocuments)
    .where(
      and(
        eq(vaultDocuments.structureId, owner.structureId),
        eq(vaultDocuments.personId, owner.personId),
        inArray(vaultDocuments.id, request.documentIds),
        isNull(vaultDocuments.removedAt),
      ),
    );
  if (present.length !== request.documentIds.length) return null;
  const id = crypto.randomUUID();
  const expiresAt = shareExpiry(now, request.duration);
  await tx.insert(vaultShares).values({
    ...owner,
    id,
    documentIds: request.documentIds,
    recipientKind: 'orientation',
    recipientName: choice.partnerName,
    referralId: choice.referralId,
    recipientStructureId: choice.partnerId,
    expiresAt,
    createdBy,
    createdAt: now,
  });
  await auditVault(tx, owner, createdBy, 'coffre.partage_cree', { type: 'partage', id }, { papiers: request.documentIds.length });
  return { id, expiresAt, recipientName: choice.partnerName };
}

// Côté partenaire : la transaction est celle de son agent ; la RLS ne lui montre que les partages en cours.

/** Les partages en cours reçus avec une orientation, du plus long au plus court. */
async function sharesReceived({ tx, actor }: RequestContext, referralId: string) {
  return tx
    .select()
    .from(vaultShares)
    .where(and(eq(vaultShares.recipientStructureId, actor.structureId), eq(vaultShares.referralId, referralId)))
    .orderBy(desc(vaultShares.expiresAt));
}

/** Les papiers que la personne a joints à l'orientation reçue (sans leur contenu), et jusqu'à quand. */
export async function papersSharedWithUs(ctx: RequestContext, referralId: string) {
  const shares = await sharesReceived(ctx, referralId);
  const ids = [...new Set(shares.flatMap((share) => share.documentIds))];
  if (ids.length === 0) return [];
  const documents = await ctx.tx
    .select({
      id: vaultDocuments.id,
      kind: vaultDocuments.kind,
      issuedOn: vaultDocuments.issuedOn,
      expiresOn: vaultDocuments.expiresOn,
      pageCount: vaultDocuments.pageCount,
    })
    .from(vaultDocuments)
    .where(and(eq(vaultDocuments.structureId, shares[0]!.structureId), inArray(vaultDocuments.id, ids)));
  return documents.map((document) => ({
    ...document,
    until: shares.find((share) => share.documentIds.includes(document.id))!.expiresAt,
  }));
}

/**
 * Un papier joint à l'orientation reçue, marqué, en PDF ; noté pour la personne (vu ou téléchargé) et au journal du
 * partenaire. null si aucun partage en cours ne le contient.
 */
export async function openPaperSharedWithUs(ctx: RequestContext, referralId: string, documentId: string, action: 'vu' | 'telecharge') {
  const share = (await sharesReceived(ctx, referralId)).find((s) => s.documentIds.includes(documentId));
  if (!share) return null;
  const owner: VaultOwner = { structureId: share.structureId, personId: share.personId };
  const opened = await openDocument(ctx.tx, ctx.services, owner, documentId, null);
  if (!opened) return null;
  const [handoff] = await ctx.tx
    .select({ personName: referralHandoffs.personName })
    .from(referralHandoffs)
    .where(and(eq(referralHandoffs.structureId, ctx.actor.structureId), eq(referralHandoffs.id, referralId)));
  const pdf = await watermarkedPdf(
    (await readWhole(opened)).bytes,
    opened.contentType,
    shareMark(handoff?.personName ?? 'la personne', share.createdAt, share.recipientName),
  );
  await ctx.tx.insert(vaultShareEvents).values({ ...owner, shareId: share.id, documentId, action, occurredAt: ctx.now });
  await recordAudit(
    ctx.tx,
    ctx.actor,
    'orientation_recue.papier_ouvert',
    { type: 'orientation_recue', id: referralId },
    {
      papier: documentId,
      geste: action,
    },
  );
  return pdf;
}
