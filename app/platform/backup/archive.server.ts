// L'archive de sauvegarde : toute la base (chaque table, lue dans un seul instantané) et les fichiers chiffrés du coffre-fort,
// compressée (gzip) puis chiffrée (AES-256-GCM) par la clé maîtresse ou par une phrase de passe (scrypt). Le tag GCM
// authentifie tout : une clé fausse, une archive tronquée ou altérée sont refusées avant d'écrire quoi que ce soit.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const MAGIC = 'RELAIS-SAUVEGARDE\n';
const FORMAT = 1;

export type BackupKey = { kind: 'cle'; key: Buffer } | { kind: 'phrase'; passphrase: string };

export interface TableDump {
  name: string;
  rows: unknown[];
  /** md5 des lignes triées, calculé par PostgreSQL dans l'instantané : la restauration doit le retrouver. */
  checksum: string;
}

export interface BackupContent {
  createdAt: string;
  /** Le nombre de migrations appliquées et la dernière : une archive d'un schéma plus récent est refusée. */
  schema: { migrations: number; last: string };
  tables: TableDump[];
  /** 2 : empreintes par lignes (`tableChecksum`) ; absent : empreintes des premières archives (texte entier trié). */
  checksums?: 2;
  /** Fichiers chiffrés du coffre-fort : nom dans le stockage → contenu (chiffré) en base64. */
  files: Record<string, string>;
}

export class BackupRefusal extends Error {}

function keyFor(secret: BackupKey, salt: Buffer) {
  return secret.kind === 'cle'
    ? Buffer.from(crypto.hkdfSync('sha256', secret.key, salt, 'relais-sauvegarde', 32))
    : crypto.scryptSync(secret.passphrase, salt, 32, { N: 2 ** 15, maxmem: 64 * 1024 * 1024 });
}

export function sealArchive(content: BackupContent, secret: BackupKey): Buffer {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const header = Buffer.from(
    `${JSON.stringify({ format: FORMAT, mode: secret.kind, salt: salt.toString('base64'), iv: iv.toString('base64') })}\n`,
  );
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(secret, salt), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zlib.gzipSync(Buffer.from(JSON.stringify(content)))), cipher.final()]);
  return Buffer.concat([Buffer.from(MAGIC), header, body, cipher.getAuthTag()]);
}

export function openArchive(archive: Buffer, secret: BackupKey): BackupContent {
  if (!archive.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)))
    throw new BackupRefusal("Ce fichier n'est pas une sauvegarde de Relais.");
  const headerEnd = archive.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) throw new BackupRefusal('Sauvegarde tronquée : son en-tête est incomplet.');
  const header = archive.subarray(MAGIC.length, headerEnd + 1);
  let meta: { format: number; mode: string; salt: string; iv: string };
  try {
    meta = JSON.parse(header.toString('utf8')) as typeof meta;
  } catch {
    throw new BackupRefusal('Sauvegarde altérée : son en-tête est illisible.');
  }
  if (meta.format !== FORMAT) throw new BackupRefusal(`Format de sauvegarde ${meta.format} inconnu de cette version de Relais.`);
  if (meta.mode !== secret.kind)
    throw new BackupRefusal(
      meta.mode === 'phrase'
        ? 'Cette sauvegarde est protégée par une phrase de passe : donnez-la sur l’entrée standard (--phrase).'
        : 'Cette sauvegarde est chiffrée par la clé maîtresse : restaurez-la sans --phrase, avec la clé de l’instance.',
    );
  const rest = archive.subarray(headerEnd + 1);
  if (rest.length < 17) throw new BackupRefusal('Sauvegarde tronquée : elle est vide.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret, Buffer.from(meta.salt, 'base64')), Buffer.from(meta.iv, 'base64'));
  decipher.setAAD(header);
  decipher.setAuthTag(rest.subarray(rest.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(rest.subarray(0, rest.length - 16)), decipher.final()]);
  } catch {
    throw new BackupRefusal(
      'La sauvegarde ne se déchiffre pas : la clé ou la phrase de passe est fausse, ou le fichier est tronqué ou altéré. Rien n’a été écrit.',
    );
  }
  return JSON.parse(zlib.gunzipSync(plain).toString('utf8')) as BackupContent;
}
