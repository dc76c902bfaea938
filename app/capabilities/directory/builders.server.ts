// Constructeur de lieux de l'annuaire, partagé par les tests et les jeux de mesure : un lieu complet au format
// national (identifiant, pivot, adresse, service), que chaque appel précise.
import type { Tx } from '../../db/database.server';
import { searchKey } from '../../platform/text';
import { places } from './schema';

type PlaceInsert = typeof places.$inferInsert;

export function placeRow(structureId: string, name: string, change: Partial<Omit<PlaceInsert, 'structureId' | 'name'>> = {}): PlaceInsert {
  return {
    nationalId: name,
    pivot: '00000000000000',
    searchText: searchKey(name),
    street: '1 place Neuve',
    city: 'Alpha',
    postalCode: '37000',
    updatedOn: '2026-01-01',
    services: ['Aide aux démarches administratives'],
    ...change,
    structureId,
    name,
  };
}

export async function makePlace(tx: Tx, structureId: string, name: string, change: Parameters<typeof placeRow>[2] = {}) {
  const [row] = await tx
    .insert(places)
    .values(placeRow(structureId, name, change))
    .returning();
  return row!;
}
