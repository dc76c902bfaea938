// Constructeurs de personnes et de sollicitations, partagés par le jeu de démonstration et les tests : ils écrivent
// les mêmes lignes que l'accueil (nom de recherche sans accents, valeurs par défaut du cas courant).
import type { Tx } from '../../db/database.server';
import { searchKey } from '../../platform/text';
import { persons, solicitations } from './schema';

type PersonInsert = typeof persons.$inferInsert;
type SolicitationInsert = typeof solicitations.$inferInsert;

/** La ligne d'une personne : le nom de recherche se déduit du prénom et du nom. */
export function personRow(structureId: string, input: Omit<PersonInsert, 'structureId' | 'searchName'>): PersonInsert {
  return { ...input, structureId, searchName: searchKey(input.firstName, input.lastName ?? null) };
}

export async function makePerson(tx: Tx, structureId: string, input: Omit<PersonInsert, 'structureId' | 'searchName'>) {
  const [row] = await tx.insert(persons).values(personRow(structureId, input)).returning();
  return row!;
}

/** La ligne d'une sollicitation : le cas courant (sur place, inclusion, accompagné, 20 min, fait, CAF) sauf mention contraire. */
export function solicitationRow(
  structureId: string,
  mediatorId: string,
  input: Partial<Omit<SolicitationInsert, 'structureId' | 'mediatorId'>> & Pick<SolicitationInsert, 'occurredAt'>,
): SolicitationInsert {
  return {
    channel: 'sur_place',
    level: 'inclusion',
    mode: 'accompagne',
    organisations: ['caf'],
    durationMinutes: 20,
    outcome: 'fait',
    ...input,
    structureId,
    mediatorId,
  };
}

export async function makeSolicitation(tx: Tx, structureId: string, mediatorId: string, input: Parameters<typeof solicitationRow>[2]) {
  const [row] = await tx
    .insert(solicitations)
    .values(solicitationRow(structureId, mediatorId, input))
    .returning();
  return row!;
}
