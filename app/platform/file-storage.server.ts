// Où Relais range les fichiers du coffre-fort (déjà chiffrés) : un dossier local (DATA_DIR/files, par défaut) ou un stockage
// compatible S3 (S3_URL…). Une seule interface, les mêmes tests de contrat pour les deux (file-storage.test.ts). Un nom
// de fichier est un identifiant aléatoire, jamais le nom donné par la personne.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileStorage {
  /** Range le flux sous ce nom ; un fichier à moitié écrit n'apparaît jamais sous ce nom. Rend la taille écrite. */
  put(name: string, body: Readable): Promise<number>;
  /** Le contenu, en flux ; null s'il n'existe pas. */
  get(name: string): Promise<Readable | null>;
  exists(name: string): Promise<boolean>;
  /** Retire le fichier ; sans erreur s'il n'existait pas. */
  remove(name: string): Promise<void>;
  /** Le nom de chaque fichier complet (un envoi en cours n'y est pas) : ce que la sauvegarde emporte. */
  list(): Promise<string[]>;
}

const SAFE_NAME = /^[A-Za-z0-9_-]{16,128}$/;
export const isStorageName = (name: string) => SAFE_NAME.test(name);
function checkName(name: string) {
  if (!isStorageName(name)) throw new Error('Nom de fichier du coffre-fort invalide.');
}

/** Le dossier local : écrit à côté (`.partiel`), puis renommé ; fichiers 0600 dans un dossier 0700. */
export function localStorage(directory: string): FileStorage {
  const ready = fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
  const pathOf = (name: string) => {
    checkName(name);
    // Deux niveaux de sous-dossiers : des millions de fichiers sans dossier géant.
    return path.join(directory, name.slice(0, 2), name);
  };
  return {
    async put(name, body) {
      await ready;
      const target = pathOf(name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const partial = `${target}.partiel`;
      let size = 0;
      try {
        await pipeline(
          body,
          async function* count(source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              yield chunk;
            }
          },
          fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
        );
        await fs.promises.rename(partial, target);
        return size;
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
    },
    async get(name) {
      const target = pathOf(name);
      try {
        await fs.promises.access(target);
      } catch {
        return null;
      }
      return fs.createReadStream(target);
    },
    async exists(name) {
      return fs.promises
        .access(pathOf(name))
        .then(() => true)
        .catch(() => false);
    },
    async remove(name) {
      await fs.promises.rm(pathOf(name), { force: true });
    },
    async list() {
      await ready;
      const entries = await fs.promises.readdir(directory, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile() && isStorageName(e.name)).map((e) => e.name);
    },
  };
}

export interface S3Settings {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** Un stockage compatible S3 (adresse, compartiment, clés) ; les chemins de style « compartiment dans l'adresse ». */
export async function s3Storage(settings: S3Settings): Promise<FileStorage> {
  // Chargé seulement quand S3 est configuré : le client est lourd, et inutile au dossier local.
  const { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client, paginateListObjectsV2 } =
    await import('@aws-sdk/client-s3');
  const { Upload } = await import('@aws-sdk/lib-storage');
  const client = new S3Client({
    endpoint: settings.url,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  const missing = (error: unknown) =>
    error instanceof NoSuchKey || error instanceof NotFound || (error as { name?: string }).name === 'NotFound';
  return {
    async put(name, body) {
      checkName(name);
      let size = 0;
      const counted = body.map((chunk: Buffer) => {
        size += chunk.length;
        return chunk;
      });
      // L'envoi en plusieurs parties n'apparaît sous son nom qu'une fois complet ; interrompu, il est abandonné.
      await new Upload({ client, params: { Bucket: settings.bucket, Key: name, Body: counted } }).done();
      return size;
    },
    async get(name) {
      checkName(name);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: name }));
        return object.Body instanceof Readable ? object.Body : Readable.fromWeb(object.Body!.transformToWebStream() as never);
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async exists(name) {
      checkName(name);
      try {
        await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: name }));
        return true;
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    async remove(name) {
      checkName(name);
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: name }));
    },
    async list() {
      const names: string[] = [];
      for await (const page of paginateListObjectsV2({ client }, { Bucket: settings.bucket }))
        for (const object of page.Contents ?? []) if (object.Key && isStorageName(object.Key)) names.push(object.Key);
      return names;
    },
  };
}

/** Le stockage configuré : S3 si S3_URL est donné, sinon le dossier DATA_DIR/files. */
export async function configuredStorage(config: { dataDir: string; s3: S3Settings | null }): Promise<FileStorage> {
  return config.s3 ? s3Storage(config.s3) : localStorage(path.join(config.dataDir, 'files'));
}
