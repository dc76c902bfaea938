// `relais rotate-master-key` (décision 028) : dans une seule transaction, la racine du trousseau et la clé de chaque
// coffre-fort sont réenveloppées sous la nouvelle clé maîtresse. Rien d'autre ne change : ni les fichiers chiffrés, ni
// les clés des papiers, ni les empreintes et liens signés par la racine. Une erreur annule tout : l'ancienne clé reste
// la bonne.
import { asc } from 'drizzle-orm';
import type { Database } from './db/database.server';
import { applySettings, operatorTransaction } from './db/transaction.server';
import { rewrapRoot } from './platform/key-ring.server';
import { structures } from './platform/schema';
import { rewrapVaultKeys } from './capabilities/vault/vault.server';

export interface RotationReport {
  structures: number;
  vaults: number;
}

export async function rotateMasterKey(database: Database, oldKey: Buffer, nextKey: Buffer, now: Date): Promise<RotationReport> {
  if (oldKey.equals(nextKey)) throw new Error('La nouvelle clé maîtresse doit différer de l’ancienne.');
  return operatorTransaction(database, async (tx) => {
    await rewrapRoot(tx, oldKey, nextKey, now);
    const all = await tx.select({ id: structures.id }).from(structures).orderBy(asc(structures.slug));
    let vaults = 0;
    for (const structure of all) {
      // Le propriétaire du schéma est soumis à la RLS forcée (s'il n'est pas superutilisateur) : une structure à la fois.
      await applySettings(tx, { structureId: structure.id });
      vaults += await rewrapVaultKeys(tx, structure.id, oldKey, nextKey);
    }
    return { structures: all.length, vaults };
  });
}
