// Le mandat imprimable, sur la trame du modèle de la CNIL, en mots simples et en grands caractères.
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import type { MandateView } from './mandates.server';
import { AREAS, CONSENT_ITEMS, DURATIONS, PROTECTION_MEASURES, type Area, type Duration } from './vocabulary';
import { dateFormat } from '../../platform/time';

const day = dateFormat({ dateStyle: 'long' });
const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

/** Le tracé est saisi dans une zone de 600 × 200 (voir ui/signature-pad.tsx). */
const TRACE_BOX = { width: 600, height: 200 };

export async function mandatePdf(view: MandateView, city: string | null) {
  const { mandate, person, structure, mediatorName } = view;
  const doc = createPdf({ title: `Mandat — ${person.label}`, author: structure.name });
  const width = doc.page.width - 2 * 56;
  const title = (text: string) =>
    doc.moveDown(0.8).font(PDF_FONTS.bold).fontSize(16).text(pdfText(text)).moveDown(0.3).font(PDF_FONTS.regular).fontSize(13);
  const para = (text: string) => doc.text(pdfText(text), { width, lineGap: 3 }).moveDown(0.4);
  const bullet = (text: string) => doc.text(pdfText(`•  ${text}`), { width, indent: 0, lineGap: 3 }).moveDown(0.2);

  doc.font(PDF_FONTS.bold).fontSize(22).text('Mandat pour faire des démarches en ligne à ma place', { width });
  doc
    .font(PDF_FONTS.regular)
    .fontSize(12)
    .fillColor('#3a3a3a')
    .text(pdfText(`${structure.name} · mandat n° ${mandate.id.slice(0, 8)}`))
    .fillColor('black');

  title('1. Qui donne le mandat (le mandant)');
  para(`${person.label}${person.birthYear ? `, né(e) en ${person.birthYear}` : ''}.`);

  title('2. Qui reçoit le mandat (le mandataire)');
  para(`${mediatorName}, médiateur ou médiatrice de ${structure.name}${structure.address ? ` (${structure.address})` : ''}.`);
  para(
    'Les autres médiateurs habilités de cette structure peuvent agir au titre de ce mandat ; chaque acte est inscrit au journal avec le nom de la personne qui l’a fait.',
  );

  title('3. Ce que le mandataire peut faire, et seulement cela');
  para('Faire à ma place, en mon nom, les démarches administratives en ligne des domaines suivants :');
  for (const area of mandate.areas as Area[]) bullet(`${AREAS[area].label} : ${AREAS[area].detail}.`);
  para('Aucune démarche d’un autre domaine. Aucun paiement ni emprunt en mon nom.');

  title('4. Durée');
  const duration = DURATIONS[mandate.duration as Duration].label;
  para(
    mandate.signedAt && mandate.expiresAt
      ? `${duration} : du ${when.format(mandate.signedAt)} au ${when.format(mandate.expiresAt)}.`
      : `${duration} à partir de la signature.`,
  );
  para('Je peux mettre fin au mandat à tout moment, en le disant au mandataire ou à la structure (article 2004 du Code civil).');

  title('5. Ce qu’on m’a expliqué (information et droits)');
  for (const item of Object.values(CONSENT_ITEMS)) bullet(item);
  bullet(
    `${structure.name} est responsable des données de ce mandat. Je peux exercer mes droits d’accès, de rectification et d’effacement auprès d’elle, et saisir la CNIL (cnil.fr).`,
  );

  title('6. Ce que le mandataire s’engage à faire');
  bullet('Agir uniquement selon mes instructions, et me dire ce qu’il a fait.');
  bullet('Ne recueillir que les informations nécessaires à mes démarches.');
  bullet('Ne jamais noter ni garder mes mots de passe ou mes codes : je les tape moi-même, ou je les change après.');
  bullet('Garder le secret sur ma situation.');

  title('7. Ma déclaration');
  para(`Je déclare qu’aucune mesure de protection juridique (${PROTECTION_MEASURES}) ne s’applique à moi.`);

  title('8. Cadre juridique');
  para('Ce mandat est régi par les articles 1984 et suivants du Code civil.');

  doc.moveDown(0.8);
  const signedDay = mandate.signedAt ? day.format(mandate.signedAt) : '____________________';
  para(`Fait à ${city ?? '____________________'}, le ${signedDay}.`);
  signatures(doc, view, width);
  return pdfBuffer(doc);
}

function signatures(doc: PDFKit.PDFDocument, { mandate, person, mediatorName }: MandateView, width: number) {
  if (doc.y > doc.page.height - 240) doc.addPage();
  const top = doc.y + 8;
  const column = (width - 24) / 2;
  const left = doc.page.margins.left;
  const right = left + column + 24;
  doc
    .font(PDF_FONTS.bold)
    .fontSize(13)
    .text(pdfText(`Le mandant : ${person.label}`), left, top, { width: column });
  doc.text(pdfText(`Le mandataire : ${mediatorName}`), right, top, { width: column });
  const boxTop = top + 40;
  doc.lineWidth(1).strokeColor('#666666').rect(left, boxTop, column, 110).stroke().rect(right, boxTop, column, 110).stroke();
  doc.font(PDF_FONTS.regular).fontSize(11).fillColor('#3a3a3a');
  if (mandate.signatureTrace) {
    const scale = Math.min(column / TRACE_BOX.width, 110 / TRACE_BOX.height);
    doc
      .save()
      .translate(left, boxTop)
      .scale(scale)
      .path(mandate.signatureTrace)
      .lineWidth(2.5 / scale)
      .strokeColor('black')
      .stroke()
      .restore();
  } else if (mandate.signatureMethod === 'ecran_nom' && mandate.signedAt) {
    doc.text(
      pdfText(`Signé sur l’écran par ${mandate.signerName} (nom écrit et case cochée), le ${when.format(mandate.signedAt)}.`),
      left + 8,
      boxTop + 8,
      { width: column - 16 },
    );
  } else if (mandate.signatureMethod === 'papier' && mandate.paperSignedOn) {
    doc.text(pdfText(`Signé sur papier le ${day.format(new Date(`${mandate.paperSignedOn}T12:00:00`))}.`), left + 8, boxTop + 8, {
      width: column - 16,
    });
  }
  doc.fillColor('black').text('', left, boxTop + 124);
}
