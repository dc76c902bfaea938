// Les papiers qu'une personne a montrés elle-même à un agent qui l'aide (partage `agent`, issue 21) : il les ouvre sans
// motif à donner, tant que le partage court. Chaque ouverture va au journal (avec le partage) et dans les ouvertures
// que la personne lit dans son espace. Hors partage, l'ouverture demande un motif (vault.server.ts).
import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { vaultShareEvents, vaultShares } from './schema';
import { openDocument } from './vault.server';

/** Les papiers de la personne que l'agent connecté peut ouvrir sans motif, et jusqu'à quand. */
export async function sharedWithMe({ tx, actor, now }: RequestContext, personId: string) {
  const shares = await tx
    .select({ id: vaultShares.id, documentIds: vaultShares.documentIds, expiresAt: vaultShares.expiresAt })
    .from(vaultShares)
    .where(
      and(
        eq(vaultShares.structureId, actor.structureId),
        eq(vaultShares.personId, personId),
        eq(vaultShares.recipientKind, 'agent'),
        eq(vaultShares.recipientUserId, actor.userId),
        isNull(vaultShares.revokedAt),
        gt(vaultShares.expiresAt, now),
      ),
    );
  const byDocument = new Map<string, { shareId: string; until: Date }>();
  for (const share of shares)
    for (const documentId of share.documentIds) {
      const known = byDocument.get(documentId);
      if (!known || known.until < share.expiresAt) byDocument.set(documentId, { shareId: share.id, until: share.expiresAt });
    }
  return byDocument;
}

/** Ouvre un papier que la personne a montré à l'agent ; null s'il n'est pas (ou plus) dans un de ses partages. */
export async function openSharedDocumentForAgent(ctx: RequestContext, personId: string, documentId: string) {
  const share = (await sharedWithMe(ctx, personId)).get(documentId);
  if (!share) return null;
  const owner = { structureId: ctx.actor.structureId, personId };
  const opened = await openDocument(ctx.tx, ctx.services, owner, documentId, null);
  if (!opened) return null;
  await recordAudit(ctx.tx, ctx.actor, 'coffre.document_ouvert', { type: 'document', id: documentId }, { partage: share.shareId });
  await ctx.tx.insert(vaultShareEvents).values({ ...owner, shareId: share.shareId, documentId, action: 'telecharge', occurredAt: ctx.now });
  return opened;
}
