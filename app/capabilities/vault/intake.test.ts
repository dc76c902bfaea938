// Préparer un papier avant de le chiffrer, sur de vrais fichiers : le format lu dans le contenu (un faux PDF refusé),
// une photo redressée, réduite, sans métadonnées ; plusieurs pages réunies en un PDF relu ; les limites dites en français.
import fs from 'node:fs';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdfTextOf } from '../../../test/pdf';
import { IntakeError, prepareDocument } from './intake.server';
import { MAX_UPLOAD_BYTES } from './vocabulary';

const photo = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width, height, channels: 3, background: { r: 240, g: 230, b: 200 } } })
    .withMetadata({ exif: { IFD0: { Copyright: 'GPS 48.85 2.35' } } })
    [format]()
    .toBuffer();

async function onePagePdf(text: string) {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text, { x: 50, y: 700 });
  return Buffer.from(await pdf.save());
}

/** Un PDF qui lance du code à l'ouverture ou au clic d'un lien ; rangé dans un flux d'objets compressé ou non. */
async function pdfWithJavaScript(where: 'ouverture' | 'lien', useObjectStreams: boolean) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Avis de situation', { x: 50, y: 700 });
  const action = pdf.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("bonjour")') });
  if (where === 'ouverture') pdf.catalog.set(PDFName.of('OpenAction'), action);
  else {
    const link = pdf.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], A: action });
    page.node.set(PDFName.of('Annots'), pdf.context.obj([pdf.context.register(link)]));
  }
  return Buffer.from(await pdf.save({ useObjectStreams }));
}

describe('préparer un papier', () => {
  it.each([
    ['ouverture', true],
    ['lien', false],
    ['lien', true],
  ] as const)('refuse un PDF qui contient du JavaScript (%s, flux d’objets : %s)', async (where, streams) => {
    const bytes = await pdfWithJavaScript(where, streams);
    const refused = await prepareDocument([{ name: 'avis.pdf', bytes }]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IntakeError);
    expect((refused as IntakeError).problem).toBe('script');
    expect((refused as IntakeError).message).toContain('contient du code (JavaScript)');
  });

  it('garde un PDF tel quel et compte ses pages', async () => {
    const bytes = await onePagePdf('Attestation de paiement CAF');
    const prepared = await prepareDocument([{ name: 'attestation.pdf', bytes }]);
    expect(prepared).toMatchObject({ contentType: 'application/pdf', pageCount: 1 });
    expect(prepared.bytes.equals(bytes)).toBe(true);
  });

  it('réduit une grande photo à 2000 px, en JPEG, sans ses métadonnées ; un PNG devient un JPEG', async () => {
    const big = await prepareDocument([{ name: 'carte.jpg', bytes: await photo(4000, 3000) }]);
    const meta = await sharp(big.bytes).metadata();
    expect([big.contentType, meta.format, meta.width, meta.height, meta.exif]).toEqual(['image/jpeg', 'jpeg', 2000, 1500, undefined]);
    const png = await prepareDocument([{ name: 'rib.png', bytes: await photo(800, 600, 'png') }]);
    expect([png.contentType, (await sharp(png.bytes).metadata()).width]).toEqual(['image/jpeg', 800]);
  });

  it('réunit plusieurs pages (photos et PDF) en un seul PDF, dans l’ordre', async () => {
    const prepared = await prepareDocument([
      { name: 'recto.jpg', bytes: await photo(1200, 1600) },
      { name: 'suite.pdf', bytes: await onePagePdf('Page deux du livret') },
      { name: 'verso.png', bytes: await photo(1600, 1200, 'png') },
    ]);
    expect([prepared.contentType, prepared.pageCount]).toEqual(['application/pdf', 3]);
    expect((await PDFDocument.load(prepared.bytes)).getPageCount()).toBe(3);
    expect(await pdfTextOf(prepared.bytes)).toContain('Page deux du livret');
  });

  it('refuse un fichier dont le contenu n’est ni un PDF ni une photo, même nommé .pdf', async () => {
    await expect(prepareDocument([{ name: 'faux.pdf', bytes: Buffer.from('MZ\x90\x00 exécutable déguisé') }])).rejects.toThrow(
      /« faux\.pdf » n'est ni un PDF ni une photo/,
    );
    await expect(prepareDocument([{ name: 'page.html', bytes: Buffer.from('<html><script>alert(1)</script>') }])).rejects.toThrow(
      IntakeError,
    );
  });

  it('refuse un PDF abîmé, une photo tronquée, aucun fichier, et plus de 15 Mo, en disant quoi faire', async () => {
    const pdf = await onePagePdf('x');
    await expect(prepareDocument([{ name: 'coupé.pdf', bytes: pdf.subarray(0, 60) }])).rejects.toThrow(/pas un PDF lisible/);
    const jpeg = await photo(600, 400);
    await expect(prepareDocument([{ name: 'coupée.jpg', bytes: jpeg.subarray(0, 200) }])).rejects.toThrow(/abîmée ou incomplète/);
    await expect(prepareDocument([])).rejects.toThrow('Choisissez le fichier du papier, ou prenez-le en photo.');
    await expect(prepareDocument([{ name: 'vide.pdf', bytes: Buffer.alloc(0) }])).rejects.toThrow(/Choisissez/);
    const huge = Buffer.concat([pdf, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    await expect(prepareDocument([{ name: 'gros.pdf', bytes: huge }])).rejects.toThrow(/15 Mo au plus/);
  });
});

describe('photo HEIC (iPhone)', () => {
  it('convertit une vraie photo HEIC (HEVC, faite par heif-enc) en JPEG', async () => {
    const bytes = fs.readFileSync(new URL('../../../test/fixtures/photo-iphone.heic', import.meta.url));
    const prepared = await prepareDocument([{ name: 'IMG_0001.HEIC', bytes }]);
    const meta = await sharp(prepared.bytes).metadata();
    expect([prepared.contentType, meta.format, meta.width, meta.height]).toEqual(['image/jpeg', 'jpeg', 300, 200]);
  });
});
