// Démonstration du coffre-fort : la personne qui a une carte (celle de « Faire le point seul ») a accepté le coffre ;
// elle y a une attestation CAF, un titre de séjour qui expire dans deux mois, un avis d'impôt transmis à la CAF (qui
// l'a ouvert) et un RIB retiré (clé détruite). Les fichiers sont de vrais PDF marqués SPÉCIMEN, chiffrés comme les
// autres, dans le stockage configuré.
import { and, count, eq, isNull } from 'drizzle-orm';
import crypto from 'node:crypto';
import { addDays, addHours, addMonths, subMonths } from 'date-fns';
import PDFDocument from 'pdfkit';
import type { Tx } from '../../db/database.server';
import type { FileStorage } from '../../platform/file-storage.server';
import { residentSpaces } from '../portal/schema';
import { vaultShareEvents, vaultShares, vaults } from '../vault/schema';
import { openVault, removeDocument, storeDocument } from '../vault/vault.server';
import type { DocumentKind } from '../vault/vocabulary';

export async function vaultSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(vaults).where(eq(vaults.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** Un PDF d'une page qui dit ce qu'il est : un exemple, pas un vrai papier. */
function examplePdf(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(40).fillColor('#b00000').text('SPÉCIMEN').fillColor('#000000').moveDown(0.5);
    doc.fontSize(18).text(title).moveDown();
    doc.fontSize(11).text('Document de démonstration de Relais : il ne vient d’aucun organisme.').moveDown();
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export async function writeDemoVault(
  tx: Tx,
  structureId: string,
  mediatorId: string,
  today: Date,
  services: { masterKey: Buffer; files: FileStorage },
) {
  const [space] = await tx
    .select({ personId: residentSpaces.personId })
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, structureId), eq(residentSpaces.signInChannel, 'carte'), isNull(residentSpaces.closedAt)))
    .limit(1);
  if (!space) return;
  const owner = { structureId, personId: space.personId };
  await openVault(tx, services.masterKey, owner, mediatorId, subMonths(today, 2));
  const papers: Array<{ kind: DocumentKind; title: string; fileName: string; issued: Date; expires: Date | null }> = [
    {
      kind: 'attestation_caf',
      title: 'Attestation de paiement CAF',
      fileName: 'attestation-caf.pdf',
      issued: subMonths(today, 1),
      expires: addMonths(today, 2),
    },
    {
      kind: 'titre_sejour',
      title: 'Titre de séjour (copie)',
      fileName: 'titre-de-sejour.pdf',
      issued: subMonths(today, 22),
      expires: addDays(today, 60),
    },
    {
      kind: 'avis_imposition',
      title: "Avis d'impôt sur les revenus",
      fileName: 'avis-impot.pdf',
      issued: subMonths(today, 4),
      expires: null,
    },
    { kind: 'rib', title: "Relevé d'identité bancaire", fileName: 'rib.pdf', issued: subMonths(today, 6), expires: null },
  ];
  const ids: string[] = [];
  for (const paper of papers) {
    const bytes = await examplePdf(paper.title, [`Délivré le ${isoDay(paper.issued)}.`]);
    ids.push(
      await storeDocument(
        tx,
        services,
        owner,
        {
          kind: paper.kind,
          issuedOn: isoDay(paper.issued),
          expiresOn: paper.expires ? isoDay(paper.expires) : null,
          fileName: paper.fileName,
        },
        { bytes, contentType: 'application/pdf', pageCount: 1 },
        { userId: mediatorId, byPerson: false },
        subMonths(today, 1),
      ),
    );
  }
  // Un RIB remplacé : retiré, sa clé détruite ; la ligne reste dans l'historique.
  await removeDocument(tx, owner, ids[3]!, mediatorId, subMonths(today, 1));
  // L'avis d'impôt transmis à la CAF pour 7 jours, il y a 2 jours, et ouvert par elle le lendemain (sans e-mail : le
  // lien et le code de démonstration ne partent nulle part).
  const sharedAt = addDays(today, -2);
  const [share] = await tx
    .insert(vaultShares)
    .values({
      ...owner,
      documentIds: [ids[2]!],
      recipientKind: 'organisme',
      recipientName: 'CAF',
      recipientEmail: 'accueil@caf-alpha.exemple',
      codeUsedAt: addDays(sharedAt, 1),
      accessHash: crypto.randomBytes(32).toString('hex'),
      expiresAt: addDays(sharedAt, 7),
      createdBy: mediatorId,
      createdAt: sharedAt,
    })
    .returning({ id: vaultShares.id });
  await tx
    .insert(vaultShareEvents)
    .values({ ...owner, shareId: share!.id, documentId: ids[2]!, action: 'vu', occurredAt: addHours(addDays(sharedAt, 1), 2) });
}
