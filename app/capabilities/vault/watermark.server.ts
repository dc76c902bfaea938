// Ce que reçoit un organisme : le papier en PDF, chaque page marquée « Transmis par … le … pour … », en travers et en
// pied de page. Une photo devient une page A4. La marque ne cache pas le papier (transparente) mais ne s'enlève pas
// sans le refaire : une copie qui circule dit d'où elle vient.
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';

const A4 = { width: 595.28, height: 841.89 };

/** Les caractères que la police standard ne sait pas écrire (hors Windows-1252) : sans accent, ou « ? ». */
function writable(font: PDFFont, text: string) {
  return [...text]
    .map((character) => {
      try {
        font.encodeText(character);
        return character;
      } catch {
        const plain = character.normalize('NFD').replace(/\p{M}/gu, '');
        try {
          font.encodeText(plain);
          return plain;
        } catch {
          return '?';
        }
      }
    })
    .join('');
}

async function asPdf(bytes: Buffer, contentType: string) {
  if (contentType === 'application/pdf') return PDFDocument.load(bytes);
  const pdf = await PDFDocument.create();
  const image = contentType === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
  const scale = Math.min((A4.width - 40) / image.width, (A4.height - 60) / image.height, 1);
  const size = { width: image.width * scale, height: image.height * scale };
  pdf.addPage([A4.width, A4.height]).drawImage(image, { x: (A4.width - size.width) / 2, y: (A4.height - size.height) / 2 + 10, ...size });
  return pdf;
}

/** Le papier marqué, en PDF. */
export async function watermarkedPdf(bytes: Buffer, contentType: string, mark: string): Promise<Buffer> {
  const pdf = await asPdf(bytes, contentType);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const text = writable(font, mark);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const diagonal = Math.hypot(width, height);
    const size = Math.max(8, Math.min(28, (diagonal * 0.8) / Math.max(1, font.widthOfTextAtSize(text, 1))));
    const angle = Math.atan2(height, width);
    const textWidth = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: width / 2 - (Math.cos(angle) * textWidth) / 2,
      y: height / 2 - (Math.sin(angle) * textWidth) / 2,
      size,
      font,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.35,
      rotate: degrees((angle * 180) / Math.PI),
    });
    const footer = Math.min(9, (width - 20) / Math.max(1, font.widthOfTextAtSize(text, 1)));
    page.drawRectangle({ x: 0, y: 0, width, height: footer + 8, color: rgb(1, 1, 1), opacity: 0.85 });
    page.drawText(text, { x: 10, y: 4, size: footer, font, color: rgb(0.55, 0.05, 0.05) });
  }
  pdf.setTitle(text);
  pdf.setProducer('Relais');
  return Buffer.from(await pdf.save());
}
