// Avertir en direct les écrans d'une structure (file d'attente…) : PostgreSQL LISTEN/NOTIFY, donc
// valable avec plusieurs serveurs web derrière un répartiteur. La notification part au COMMIT.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.server';

const CHANNEL = 'relais_evenements';

export interface EventHub {
  /**
   * S'abonner aux événements d'une structure ; renvoie la fonction de désabonnement. `onClose` est appelé si le
   * serveur s'arrête avant : le flux se termine, pour que l'arrêt n'attende pas des connexions sans fin.
   */
  subscribe(structureId: string, topic: string, listener: () => void, onClose?: () => void): () => void;
  close(): Promise<void>;
}

/** Dans la transaction qui modifie les données : les abonnés ne sont prévenus que si elle aboutit. */
export async function notifyStructure(tx: Tx, structureId: string, topic: string) {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${`${structureId}:${topic}`})`);
}

export async function createEventHub(database: Database): Promise<EventHub> {
  const listeners = new Map<string, Set<() => void>>();
  const closers = new Set<() => void>();
  const stop = await database.listen(CHANNEL, (payload) => {
    for (const listener of listeners.get(payload) ?? []) listener();
  });
  return {
    subscribe(structureId, topic, listener, onClose) {
      const key = `${structureId}:${topic}`;
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      if (onClose) closers.add(onClose);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
        if (onClose) closers.delete(onClose);
      };
    },
    close: async () => {
      for (const onClose of [...closers]) onClose();
      await stop();
    },
  };
}
