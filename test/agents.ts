// Des structures et leurs agents en une ligne, pour les tests d'intégration :
// `makeAgents(db, { 'julien@alpha': 'mediateur', 'thomas@beta': 'mediateur' })` crée les structures alpha et beta
// (si besoin), les comptes julien@alpha.test et thomas@beta.test, et rend leurs acteurs.
import { addMembership, makeStructure, makeUser } from '../app/db/builders.server';
import type { Database } from '../app/db/database.server';
import { operatorTransaction } from '../app/db/transaction.server';
import type { Actor, Role } from '../app/platform/policies';

const NAMES: Record<string, string> = { alpha: "CCAS d'Alpha", beta: 'CCAS de Beta' };

export async function makeAgents<K extends string>(database: Database, agents: Record<K, Role>) {
  return operatorTransaction(database, async (tx) => {
    const structures = new Map<string, string>();
    const actors = {} as Record<K, Actor>;
    for (const [key, role] of Object.entries(agents) as Array<[K, Role]>) {
      const [name, slug] = key.split('@') as [string, string];
      if (!structures.has(slug)) structures.set(slug, (await makeStructure(tx, { slug, name: NAMES[slug] ?? slug })).id);
      const user = await makeUser(tx, { email: `${name}@${slug}.test`, displayName: name[0]!.toUpperCase() + name.slice(1) });
      await addMembership(tx, { structureId: structures.get(slug)!, userId: user.id, role });
      actors[key] = { structureId: structures.get(slug)!, userId: user.id, role };
    }
    return actors;
  });
}
