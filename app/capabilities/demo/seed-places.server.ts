// Les lieux de la démonstration, relus par la même règle que l'import : un lieu invalide arrête le semis.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { places } from '../directory/schema';
import { structures } from '../../platform/schema';
import { readNationalRecord } from '../directory/national-format';
import { placeValues } from '../directory/places.server';
import { communesFor } from '../reception/communes.server';
import { DEMO_PLACES, DEMO_STRUCTURE_POSITIONS } from './places';

/** `structureIds` : les structures de la démonstration par slug, pour relier un lieu au partenaire qui répond. */
export async function writeDemoPlaces(tx: Tx, slug: string, structureId: string, structureIds: ReadonlyMap<string, string>) {
  const position = DEMO_STRUCTURE_POSITIONS[slug];
  if (position)
    await tx
      .update(structures)
      .set(position)
      .where(and(eq(structures.id, structureId), isNull(structures.latitude)));
  const [existing] = await tx.select({ n: count() }).from(places).where(eq(places.structureId, structureId));
  if ((existing?.n ?? 0) > 0) return;
  const rows = (DEMO_PLACES[slug] ?? []).map(({ record, organisations, themes, partner, receptionSite }) => {
    const reading = readNationalRecord(record, { communesFor });
    if (!reading.ok) throw new Error(`Lieu de démonstration invalide (${record.id}) : ${reading.errors.map((e) => e.message).join(' ')}`);
    return {
      ...placeValues(structureId, reading.place, { organisations, themes, receptionSite }),
      partnerStructureId: partner ? (structureIds.get(partner) ?? null) : null,
    };
  });
  if (rows.length) await tx.insert(places).values(rows);
}
