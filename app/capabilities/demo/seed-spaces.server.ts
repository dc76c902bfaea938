// Les espaces personnels de la démonstration (C10) : quelques personnes qui ont déjà une histoire (un mandat signé, un
// portable sur la fiche) ont accepté un espace, ouvert par un médiateur de la structure ; l'une se connecte par SMS,
// l'autre avec la carte imprimée.
import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { mandates } from '../mandates/schema';
import { residentSpaces } from '../portal/schema';
import { isMobilePhone, type SignInChannel } from '../portal/rules';
import { persons } from '../reception/schema';

const CHANNELS: SignInChannel[] = ['sms', 'carte'];

export async function spacesSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(residentSpaces).where(eq(residentSpaces.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

export async function writeDemoSpaces(tx: Tx, structureId: string, mediatorId: string, today: Date) {
  const candidates = await tx
    .selectDistinct({ id: persons.id, phone: persons.phone, createdAt: persons.createdAt })
    .from(persons)
    .innerJoin(mandates, and(eq(mandates.structureId, persons.structureId), eq(mandates.personId, persons.id)))
    .where(
      and(
        eq(persons.structureId, structureId),
        isNull(persons.anonymisedAt),
        isNotNull(mandates.signedAt),
        sql`${persons.phone} is not null`,
      ),
    )
    .orderBy(asc(persons.createdAt), asc(persons.id))
    .limit(50);
  const chosen = candidates.filter((p) => isMobilePhone(p.phone)).slice(0, CHANNELS.length);
  if (chosen.length === 0) return 0;
  await tx.insert(residentSpaces).values(
    chosen.map((person, n) => ({
      structureId,
      personId: person.id,
      signInChannel: CHANNELS[n]!,
      consentAt: new Date(today.getTime() - (n + 1) * 7 * 86_400_000),
      openedBy: mediatorId,
    })),
  );
  return chosen.length;
}
