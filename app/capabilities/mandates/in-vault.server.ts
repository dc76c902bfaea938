// Le mandat signé rangé dans le coffre-fort de la personne (issue 21) : à la signature, le PDF signé ; ensuite, le
// papier signé scanné s'il y en a un (il remplace le PDF comme pièce du mandat). Seulement si la personne a accepté le
// coffre : sinon le mandat reste imprimable à la demande, comme avant.
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { RequestContext } from '../../platform/request.server';
import { localDay } from '../../platform/time';
import { readStructureSettings } from '../administration/structure-settings.server';
import { prepareDocument, type PreparedDocument, type Upload } from '../vault/intake.server';
import { storageFailureMessage, storeDocument, vaultIsOpen } from '../vault/vault.server';
import { mandatePdf } from './mandate-pdf.server';
import { readMandate } from './mandates.server';
import { mandates } from './schema';

type Mandate = typeof mandates.$inferSelect;

async function attach(ctx: RequestContext, mandate: Mandate, fileName: string, prepared: PreparedDocument, atSignature: boolean) {
  const owner = { structureId: ctx.actor.structureId, personId: mandate.personId };
  if (!(await vaultIsOpen(ctx.tx, owner))) return null;
  // À la signature, le stockage plein ou injoignable ne la fait pas échouer : le mandat reste imprimable. Pour un
  // scan, l'erreur remonte à la page, qui la dit.
  const documentId = await storeDocument(
    ctx.tx,
    ctx.services,
    owner,
    {
      kind: 'mandat',
      issuedOn: mandate.signedAt ? localDay(mandate.signedAt) : null,
      expiresOn: mandate.expiresAt ? localDay(mandate.expiresAt) : null,
      fileName,
    },
    prepared,
    { userId: ctx.actor.userId, byPerson: false },
    ctx.now,
  ).catch((error: unknown) => {
    if (atSignature && storageFailureMessage(error)) return null;
    throw error;
  });
  if (!documentId) return null;
  await ctx.tx
    .update(mandates)
    .set({ documentId })
    .where(and(eq(mandates.structureId, ctx.actor.structureId), eq(mandates.id, mandate.id)));
  return documentId;
}

/** Range le PDF du mandat qui vient d'être signé ; null si le coffre de la personne n'est pas ouvert. */
export async function fileSignedMandate(ctx: RequestContext, id: string) {
  const view = await readMandate(ctx, id);
  if (!view?.mandate.signedAt) return null;
  const pdf = await mandatePdf(view, (await readStructureSettings(ctx)).city);
  const pageCount = (await PDFDocument.load(pdf)).getPageCount();
  return attach(ctx, view.mandate, `mandat-${id.slice(0, 8)}.pdf`, { bytes: pdf, contentType: 'application/pdf', pageCount }, true);
}

export type ScanResult = { ok: true } | { ok: false; error: 'introuvable' | 'non_signe' | 'sans_coffre' };

/** Range le mandat papier signé, scanné ou photographié (IntakeError si le fichier ne convient pas). */
export async function fileScannedMandate(ctx: RequestContext, id: string, uploads: Upload[]): Promise<ScanResult> {
  const view = await readMandate(ctx, id);
  if (!view) return { ok: false, error: 'introuvable' };
  if (!view.mandate.signedAt) return { ok: false, error: 'non_signe' };
  const prepared = await prepareDocument(uploads);
  const stored = await attach(
    ctx,
    view.mandate,
    `mandat-papier-${id.slice(0, 8)}.${prepared.contentType === 'application/pdf' ? 'pdf' : 'jpg'}`,
    prepared,
    false,
  );
  return stored ? { ok: true } : { ok: false, error: 'sans_coffre' };
}

/** Si le mandat a sa pièce au coffre, et si la personne a un coffre ouvert (pour proposer d'y ranger le scan). */
export async function mandateVaultState(ctx: RequestContext, mandate: Pick<Mandate, 'personId' | 'documentId'>) {
  return {
    filed: mandate.documentId !== null,
    vaultOpen: await vaultIsOpen(ctx.tx, { structureId: ctx.actor.structureId, personId: mandate.personId }),
  };
}
