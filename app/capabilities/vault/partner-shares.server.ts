// Les papiers qu'une personne a joints à son orientation vers une structure partenaire (issue 21), côté partenaire :
// ses agents les ouvrent depuis l'orientation reçue, marqués « Transmis par … », et chaque ouverture est notée pour la
// personne. La RLS (drizzle/0060) ne laisse au partenaire que les partages en cours qui le visent, et leurs seuls
// papiers ; la transaction est celle de son agent. Le partage lui-même se crée dans chosen-shares.server.ts.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { referralHandoffs } from '../referrals/schema';
import { shareMark } from './share-messages';
import { vaultDocuments, vaultShareEvents, vaultShares } from './schema';
import { openDocument, readWhole, type VaultOwner } from './vault.server';
import { watermarkedPdf } from './watermark.server';

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
