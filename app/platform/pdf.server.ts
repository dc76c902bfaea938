// Documents PDF lisibles : Atkinson Hyperlegible (conçue pour la basse vision), grands caractères, A4.
// Partagé par les capacités qui impriment (mandat, récapitulatifs, fiches d'orientation, rapports).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const font = (weight: 400 | 700) =>
  require.resolve(`@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff`);

export const PDF_FONTS = { regular: 'Atkinson', bold: 'Atkinson-Gras' } as const;

export function createPdf(info: { title: string; author: string }) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: info.title, Author: info.author },
    lang: 'fr-FR',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  doc.registerFont(PDF_FONTS.regular, font(400));
  doc.registerFont(PDF_FONTS.bold, font(700));
  doc.font(PDF_FONTS.regular);
  return doc;
}

/** Les espaces fines insécables d'Intl (U+202F) deviennent des insécables ordinaires, que toute fonte connaît. */
export const pdfText = (text: string) => text.replace(/\u202f/g, '\u00a0');

export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Réponse HTTP d'un PDF : affiché dans le navigateur, jamais mis en cache (données personnelles). */
export const pdfResponse = (body: Buffer, filename: string, disposition: 'inline' | 'attachment' = 'inline') =>
  new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${disposition}; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
