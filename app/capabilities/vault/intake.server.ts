// Ce qu'un papier devient avant d'être chiffré : son vrai format lu dans son contenu (jamais dans son nom), une photo
// redressée, réduite à une taille lisible et débarrassée de ses métadonnées (lieu de prise de vue…), une photo HEIC
// d'iPhone convertie, et plusieurs pages d'un même papier réunies en un seul PDF.
import { fileTypeFromBuffer } from 'file-type';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import sharp from 'sharp';
import { MAX_UPLOAD_BYTES } from './vocabulary';

export interface Upload {
  name: string;
  bytes: Buffer;
}
export interface PreparedDocument {
  bytes: Buffer;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  pageCount: number;
}
/** Pourquoi un fichier est refusé : le message pour un agent, le code pour le portail (qui l'écrit en FALC). */
export type IntakeProblem = 'vide' | 'gros' | 'format' | 'abime' | 'mot_de_passe' | 'pages' | 'script';
export class IntakeError extends Error {
  constructor(
    message: string,
    readonly problem: IntakeProblem,
  ) {
    super(message);
  }
}

/** Une photo tient dans 2000 px de côté : un papier y reste lisible, et pèse quelques centaines de Ko. */
const PHOTO_SIDE = 2000;
const MAX_PAGES = 20;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;
/** Le refus d'un envoi trop gros, ici ou par le serveur avant lecture (server/http.ts), dans les mêmes mots. */
export const tooLargeMessage = (bytes: number) =>
  `Les fichiers pèsent ${megabytes(bytes)} : ${megabytes(MAX_UPLOAD_BYTES)} au plus. Envoyez moins de pages.`;

type Kind = 'pdf' | 'image' | 'heic';
async function kindOf(upload: Upload): Promise<Kind> {
  const type = await fileTypeFromBuffer(upload.bytes);
  if (type?.mime === 'application/pdf') return 'pdf';
  if (type?.mime === 'image/jpeg' || type?.mime === 'image/png') return 'image';
  if (type?.mime === 'image/heic' || type?.mime === 'image/heif') return 'heic';
  throw new IntakeError(
    `« ${upload.name} » n'est ni un PDF ni une photo (JPEG, PNG ou HEIC) : enregistrez le papier dans l'un de ces formats.`,
    'format',
  );
}

async function photo(upload: Upload, kind: 'image' | 'heic'): Promise<Buffer> {
  let bytes = upload.bytes;
  if (kind === 'heic') {
    // sharp (libvips) ne lit pas le HEVC des photos d'iPhone : heic-convert le décode (libheif en WebAssembly).
    const { default: convert } = await import('heic-convert');
    bytes = Buffer.from(await convert({ buffer: bytes, format: 'JPEG', quality: 0.92 }));
  }
  try {
    return await sharp(bytes)
      .rotate()
      .resize({ width: PHOTO_SIDE, height: PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw new IntakeError(`La photo « ${upload.name} » est abîmée ou incomplète : reprenez-la.`, 'abime');
  }
}

const JS = PDFName.of('JS');
const JAVASCRIPT = PDFName.of('JavaScript');
const ACTION_TYPE = PDFName.of('S');

/** Un PDF qui porte du code (action JavaScript, au catalogue, sur une page, un champ ou un lien), même compressé. */
function hasJavaScript(pdf: PDFDocument) {
  const seen = new Set<PDFObject>();
  const visit = (object: PDFObject | undefined): boolean => {
    if (!object || seen.has(object)) return false;
    seen.add(object);
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict) {
      if (dict.has(JS) || dict.has(JAVASCRIPT) || dict.get(ACTION_TYPE) === JAVASCRIPT) return true;
      return dict.values().some(visit);
    }
    return object instanceof PDFArray ? object.asArray().some(visit) : false;
  };
  return pdf.context.enumerateIndirectObjects().some(([, object]) => visit(object));
}

async function loadPdf(upload: Upload): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(upload.bytes);
  } catch (error) {
    if (error instanceof Error && /encrypted/i.test(error.message))
      throw new IntakeError(
        `« ${upload.name} » est protégé par un mot de passe : enregistrez-en une copie sans protection.`,
        'mot_de_passe',
      );
    throw new IntakeError(`« ${upload.name} » n'est pas un PDF lisible : il est peut-être abîmé ou incomplet.`, 'abime');
  }
  if (hasJavaScript(pdf))
    throw new IntakeError(
      `« ${upload.name} » contient du code (JavaScript), refusé par sécurité : imprimez-le « en PDF » pour en garder une copie simple.`,
      'script',
    );
  return pdf;
}

/** Les fichiers d'un formulaire (champ « fichiers ») ; un champ laissé vide (la photo, quand un fichier est choisi) arrive vide. */
export async function uploadsOf(form: FormData): Promise<Upload[]> {
  const files = form.getAll('fichiers').filter((value): value is File => typeof value !== 'string' && value.size > 0);
  return Promise.all(files.map(async (file) => ({ name: file.name || 'papier', bytes: Buffer.from(await file.arrayBuffer()) })));
}

/** Prépare un papier d'une ou plusieurs pages ; une erreur dit en français quoi faire. */
export async function prepareDocument(uploads: Upload[]): Promise<PreparedDocument> {
  const files = uploads.filter((u) => u.bytes.length > 0);
  if (files.length === 0) throw new IntakeError('Choisissez le fichier du papier, ou prenez-le en photo.', 'vide');
  const total = files.reduce((sum, u) => sum + u.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES) throw new IntakeError(tooLargeMessage(total), 'gros');
  const kinds = await Promise.all(files.map(kindOf));

  if (files.length === 1) {
    const [only] = files as [Upload];
    if (kinds[0] === 'pdf') {
      const pdf = await loadPdf(only);
      return { bytes: only.bytes, contentType: 'application/pdf', pageCount: pdf.getPageCount() };
    }
    return { bytes: await photo(only, kinds[0] as 'image' | 'heic'), contentType: 'image/jpeg', pageCount: 1 };
  }

  // Plusieurs fichiers : les pages d'un même papier, dans l'ordre choisi, réunies en un PDF (une photo par page A4).
  const gathered = await PDFDocument.create();
  for (const [index, file] of files.entries()) {
    const kind = kinds[index]!;
    if (kind === 'pdf') {
      const source = await loadPdf(file);
      for (const page of await gathered.copyPages(source, source.getPageIndices())) gathered.addPage(page);
    } else {
      const image = await gathered.embedJpg(await photo(file, kind));
      const a4 = { width: 595.28, height: 841.89 };
      const scale = Math.min((a4.width - 40) / image.width, (a4.height - 40) / image.height, 1);
      const page = gathered.addPage([a4.width, a4.height]);
      const size = { width: image.width * scale, height: image.height * scale };
      page.drawImage(image, { x: (a4.width - size.width) / 2, y: (a4.height - size.height) / 2, ...size });
    }
    if (gathered.getPageCount() > MAX_PAGES)
      throw new IntakeError(`Un papier compte ${MAX_PAGES} pages au plus : envoyez les autres comme un second papier.`, 'pages');
  }
  return { bytes: Buffer.from(await gathered.save()), contentType: 'application/pdf', pageCount: gathered.getPageCount() };
}
