// Relire un PDF produit par Relais (pdf.js) : son texte, pages jointes, espaces ramenés à un seul.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfTextOf(pdf: Buffer | Uint8Array) {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}
