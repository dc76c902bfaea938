// Démonstration du coffre-fort : la personne qui a une carte (celle de « Faire le point seul ») a accepté le coffre ;
// elle y a une attestation CAF, un titre de séjour qui expire dans deux mois, un avis d'impôt transmis à la CAF (qui
// l'a ouvert) et un RIB retiré (clé détruite). Deux autres personnes : l'une a joint la photo de sa quittance à son
// orientation vers un partenaire sur Relais ; l'autre a une carte d'identité qui expire dans trois semaines. Les
// fichiers sont de vrais PDF et photos marqués SPÉCIMEN, passés par l'entrée du coffre, chiffrés comme les autres.
import { and, count, desc, eq, isNotNull, isNull, ne, notInArray } from 'drizzle-orm';
import crypto from 'node:crypto';
import { addDays, addHours, addMonths, subMonths } from 'date-fns';
import PDFDocument from 'pdfkit';
import type { Tx } from '../../db/database.server';
import type { FileStorage } from '../../platform/file-storage.server';
import sharp from 'sharp';
import { structures } from '../../platform/schema';
import { residentSpaces } from '../portal/schema';
import { persons } from '../reception/schema';
import { referrals } from '../referrals/schema';
import { prepareDocument } from '../vault/intake.server';
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

/** Une « photo » de papier prise au téléphone : un JPEG qui dit SPÉCIMEN, comme l'entrée du coffre le reçoit. */
function examplePhoto(title: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754">
    <rect width="100%" height="100%" fill="#f4f1ea"/>
    <text x="80" y="220" font-family="sans-serif" font-size="120" fill="#b00000">SPÉCIMEN</text>
    <text x="80" y="360" font-family="sans-serif" font-size="56">${title}</text>
    <text x="80" y="460" font-family="sans-serif" font-size="36">Document de démonstration de Relais.</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

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
  await writeOtherVaults(tx, owner, mediatorId, today, services);
}

/** Les deux autres personnes du coffre de démonstration (voir l'en-tête). */
async function writeOtherVaults(
  tx: Tx,
  first: { structureId: string; personId: string },
  mediatorId: string,
  today: Date,
  services: { masterKey: Buffer; files: FileStorage },
) {
  const { structureId } = first;
  const [referred] = await tx
    .select({ id: referrals.id, personId: referrals.personId, partnerId: structures.id, partnerName: structures.name })
    .from(referrals)
    .innerJoin(structures, eq(structures.id, referrals.partnerStructureId))
    .where(
      and(
        eq(referrals.structureId, structureId),
        isNotNull(referrals.partnerStructureId),
        isNull(referrals.expiredAt),
        ne(referrals.personId, first.personId),
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(1);
  const taken = [first.personId, ...(referred ? [referred.personId] : [])];
  const [other] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, structureId), notInArray(persons.id, taken), isNull(persons.anonymisedAt)))
    .orderBy(persons.createdAt)
    .limit(1);
  const addedAt = subMonths(today, 1);
  const store = async (personId: string, kind: DocumentKind, fileName: string, bytes: Buffer, expires: Date | null) => {
    const owner = { structureId, personId };
    await openVault(tx, services.masterKey, owner, mediatorId, addedAt);
    return storeDocument(
      tx,
      services,
      owner,
      { kind, issuedOn: isoDay(subMonths(today, 2)), expiresOn: expires ? isoDay(expires) : null, fileName },
      await prepareDocument([{ name: fileName, bytes }]),
      { userId: mediatorId, byPerson: false },
      addedAt,
    );
  };
  if (referred) {
    const receipt = await store(
      referred.personId,
      'justificatif_domicile',
      'quittance.jpg',
      await examplePhoto('Quittance de loyer'),
      null,
    );
    await tx.insert(vaultShares).values({
      structureId,
      personId: referred.personId,
      documentIds: [receipt],
      recipientKind: 'orientation',
      recipientName: referred.partnerName,
      referralId: referred.id,
      recipientStructureId: referred.partnerId,
      expiresAt: addMonths(today, 1),
      createdAt: addDays(today, -1),
    });
  }
  if (other)
    await store(
      other.id,
      'piece_identite',
      'carte-identite.pdf',
      await examplePdf("Carte nationale d'identité (copie)", ['Recto et verso.']),
      addDays(today, 21),
    );
}
