// Le trousseau de l'instance (décision 028). La clé maîtresse (RELAIS_MASTER_KEY ou DATA_DIR/master.key) n'enveloppe
// que des clés : celles des personnes (coffre-fort) et la clé racine, rangée ici. La racine, stable, signe les liens,
// les empreintes (codes, cartes, contacts) et scelle les secrets des comptes : changer de clé maîtresse ne réécrit que
// des enveloppes, jamais un fichier ni une empreinte.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.server';
import { operatorTransaction } from '../db/transaction.server';
import type { Config } from './config.server';
import { decrypt, encrypt, loadMasterKey } from './crypto.server';
import { keyRing, structures } from './schema';

export interface InstanceKeys {
  /** La clé de l'exploitant : enveloppe les clés, scelle les sauvegardes ; elle peut changer (relais rotate-master-key). */
  masterKey: Buffer;
  /** La clé racine de l'instance : ne change jamais, scellée en base par la clé maîtresse. */
  rootKey: Buffer;
}

export class MasterKeyMismatch extends Error {
  constructor() {
    super(
      'La clé maîtresse ne correspond pas à cette base : elle ne peut pas en ouvrir le trousseau. Donnez la clé de cette ' +
        'instance (RELAIS_MASTER_KEY ou DATA_DIR/master.key) ; après une restauration, celle de l’instance sauvegardée.',
    );
    this.name = 'MasterKeyMismatch';
  }
}

const LABEL = 'relais-racine:';

export const sealRoot = (masterKey: Buffer, root: Buffer) => encrypt(masterKey, LABEL + root.toString('base64'));

/** La racine, ou null si cette clé maîtresse ne scelle pas ce trousseau. */
export function openRoot(masterKey: Buffer, sealed: string): Buffer | null {
  try {
    const text = decrypt(masterKey, sealed);
    return text.startsWith(LABEL) ? Buffer.from(text.slice(LABEL.length), 'base64') : null;
  } catch {
    return null;
  }
}

export async function sealedRoot(tx: Tx) {
  const [ring] = await tx.select().from(keyRing).where(eq(keyRing.id, 1));
  return ring?.wrappedRoot ?? null;
}

/**
 * Ouvre le trousseau, ou le crée au premier démarrage : une base neuve reçoit une racine tirée au hasard ; une base
 * d'avant le trousseau garde sa clé maîtresse pour racine, pour que ses empreintes et ses secrets restent valables.
 */
export async function openKeyRing(database: Database, masterKey: Buffer): Promise<Buffer> {
  return operatorTransaction(database, async (tx) => {
    let sealed = await sealedRoot(tx);
    if (!sealed) {
      const [used] = await tx.select({ n: count() }).from(structures);
      const root = (used?.n ?? 0) > 0 ? masterKey : crypto.randomBytes(32);
      await tx
        .insert(keyRing)
        .values({ wrappedRoot: sealRoot(masterKey, root) })
        .onConflictDoNothing();
      sealed = (await sealedRoot(tx))!;
    }
    const root = openRoot(masterKey, sealed);
    if (!root) throw new MasterKeyMismatch();
    return root;
  });
}

/** Les clés de l'instance : la clé maîtresse configurée (ou son fichier) et la racine qu'elle ouvre. */
export async function instanceKeys(database: Database, config: Pick<Config, 'masterKey' | 'dataDir'>): Promise<InstanceKeys> {
  if (!config.masterKey) await settleKeyFiles(database, config.dataDir);
  const masterKey = loadMasterKey(config.masterKey, config.dataDir);
  return { masterKey, rootKey: await openKeyRing(database, masterKey) };
}

export const masterKeyFile = (dataDir: string) => path.join(dataDir, 'master.key');
export const nextMasterKeyFile = (dataDir: string) => `${masterKeyFile(dataDir)}.new`;

/**
 * Achève un changement de clé maîtresse interrompu (fichier master.key.new laissé) : s'il a été validé en base, la
 * nouvelle clé prend la place de l'ancienne, mise de côté ; sinon la nouvelle, jamais utilisée, est effacée.
 */
async function settleKeyFiles(database: Database, dataDir: string) {
  const next = nextMasterKeyFile(dataDir);
  if (!fs.existsSync(next)) return;
  const nextKey = loadMasterKey(fs.readFileSync(next, 'utf8').trim(), dataDir);
  const sealed = await operatorTransaction(database, sealedRoot);
  if (sealed && openRoot(nextKey, sealed)) promoteNextKey(dataDir, new Date());
  else fs.rmSync(next);
}

/** Met la nouvelle clé à la place de master.key ; l'ancienne reste à côté (0600), nécessaire aux sauvegardes d'avant. */
export function promoteNextKey(dataDir: string, now: Date) {
  const current = masterKeyFile(dataDir);
  const retired = `${current}.ancienne-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (fs.existsSync(current)) fs.renameSync(current, retired);
  fs.renameSync(nextMasterKeyFile(dataDir), current);
  return fs.existsSync(retired) ? retired : null;
}

/** Réenveloppe la racine sous la nouvelle clé maîtresse, dans la transaction de la rotation ; rend la racine. */
export async function rewrapRoot(tx: Tx, oldKey: Buffer, newKey: Buffer, now: Date) {
  await tx.execute(sql`select 1 from key_ring where id = 1 for update`);
  const sealed = await sealedRoot(tx);
  const root = sealed && openRoot(oldKey, sealed);
  if (!root) throw new MasterKeyMismatch();
  await tx
    .update(keyRing)
    .set({ wrappedRoot: sealRoot(newKey, root), rotatedAt: now })
    .where(eq(keyRing.id, 1));
  return root;
}
