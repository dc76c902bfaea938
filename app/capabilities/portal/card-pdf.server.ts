// La carte imprimée et sa lettre (PDF, 2 pages) : page 1, la carte à découper (format carte bancaire), avec le QR code
// de l'adresse de connexion et rien de personnel ; page 2, la lettre du code secret, à garder loin de la carte. En
// français facile à lire, en grands caractères.
import QRCode from 'qrcode';
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';

const MM = 72 / 25.4;
/** ISO/IEC 7810 ID-1 : 85,60 × 53,98 mm. */
const CARD = { width: 85.6 * MM, height: 53.98 * MM };

export interface CardSheet {
  url: string;
  pin: string;
  firstName: string;
  structureName: string;
  structurePhone: string | null;
}

/** Le QR code dessiné en carrés vectoriels (net à toute taille d'impression). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  doc.fill().restore();
}

export async function cardPdf(sheet: CardSheet) {
  const doc = createPdf({ title: 'Carte de mon espace', author: sheet.structureName });
  const width = doc.page.width - 2 * 56;
  const x = 56;
  const y = 56;

  doc.font(PDF_FONTS.bold).fontSize(20).text(pdfText('La carte de votre espace'), { width });
  doc.font(PDF_FONTS.regular).fontSize(12).text(pdfText('Découpez la carte en suivant le trait.'), { width });

  const top = y + 60;
  doc.save().dash(4, { space: 3 }).lineWidth(0.8).roundedRect(x, top, CARD.width, CARD.height, 8).stroke().undash().restore();
  const qrSize = CARD.height - 16;
  drawQr(doc, sheet.url, x + CARD.width - qrSize - 8, top + 8, qrSize);
  const textWidth = CARD.width - qrSize - 24;
  doc
    .font(PDF_FONTS.bold)
    .fontSize(13)
    .text(pdfText('Mon espace'), x + 10, top + 12, { width: textWidth });
  doc
    .font(PDF_FONTS.regular)
    .fontSize(8.5)
    .text(pdfText(sheet.structureName), { width: textWidth })
    .moveDown(0.4)
    .text(pdfText('Scannez le carré avec votre téléphone. Puis tapez votre code secret.'), { width: textWidth });

  doc
    .font(PDF_FONTS.regular)
    .fontSize(11)
    .text(pdfText('Sans téléphone, tapez cette adresse :'), x, top + CARD.height + 24, { width })
    .font(PDF_FONTS.bold)
    .text(pdfText(sheet.url), { width });

  doc.addPage();
  doc
    .font(PDF_FONTS.bold)
    .fontSize(22)
    .text(pdfText(`${sheet.firstName}, voici votre code secret`), { width });
  doc
    .moveDown(0.8)
    .font(PDF_FONTS.bold)
    .fontSize(40)
    .text(sheet.pin.replace(/(\d{3})(\d{3})/, '$1 $2'), { width, characterSpacing: 4 });
  doc.moveDown(0.8).font(PDF_FONTS.regular).fontSize(15);
  for (const line of [
    'Pour entrer dans votre espace :',
    '1. Scannez la carte avec votre téléphone.',
    '2. Tapez ce code secret.',
    '',
    'Ne donnez ce code à personne.',
    'Gardez cette lettre chez vous. Ne la gardez pas avec la carte.',
    'Après 5 codes faux, la carte ne marche plus.',
    '',
    `Carte perdue ? Appelez ${sheet.structureName}${sheet.structurePhone ? ` au ${sheet.structurePhone}` : ''}.`,
    'Nous arrêtons la carte. Nous vous en donnons une nouvelle.',
  ])
    doc.text(pdfText(line), { width, lineGap: 4 });
  return pdfBuffer(doc);
}
