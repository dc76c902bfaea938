// Les mandats de la démonstration : pour des personnes à qui l'histoire a fait des démarches « à la place »,
// un mandat signé juste avant, et chacun de ces actes qu'il couvre inscrit au journal chaîné. Quelques mandats
// expirés, révoqués, à renouveler bientôt ou encore à signer : les listes ont de quoi montrer.
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { mandates } from '../mandates/schema';
import { persons, solicitations } from '../reception/schema';
import { appendAct } from '../mandates/journal.server';
import { coverage, expiryOf } from '../mandates/rules';
import { AREA_OF_THEME, CONSENT_ITEMS, type Area, type Duration } from '../mandates/vocabulary';
import type { Theme } from '../../vocabulary/coop';
import { localDay } from '../../platform/time';

const ONLINE_SERVICES: Record<string, string> = {
  caf: 'caf.fr',
  cpam: 'ameli.fr',
  france_travail: 'francetravail.fr',
  dgfip: 'impots.gouv.fr',
  ants: 'ants.gouv.fr',
  prefecture: 'administration-etrangers-en-france.interieur.gouv.fr',
  assurance_retraite: 'lassuranceretraite.fr',
  msa: 'msa.fr',
};

const DAY = 86_400_000;

export async function mandatesSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(mandates).where(eq(mandates.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** `howMany` personnes, parmi celles dont la dernière démarche « faite à la place » est la plus récente. */
export async function writeDemoMandates(tx: Tx, structureId: string, howMany: number, today: Date) {
  const recent = await tx
    .selectDistinctOn([solicitations.personId], {
      personId: solicitations.personId,
      at: solicitations.occurredAt,
      theme: solicitations.theme,
      mediatorId: solicitations.mediatorId,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(solicitations)
    .innerJoin(persons, and(eq(persons.structureId, solicitations.structureId), eq(persons.id, solicitations.personId)))
    .where(and(eq(solicitations.structureId, structureId), eq(solicitations.mode, 'fait_a_la_place')))
    .orderBy(asc(solicitations.personId), desc(solicitations.occurredAt));
  const chosen = recent
    .filter((r): r is typeof r & { personId: string } => r.personId !== null && areaOf(r.theme) !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, howMany);
  const created: Array<{ id: string; personId: string; areas: Area[]; signedAt: Date; expiresAt: Date; revokedAt: Date | null }> = [];
  for (const [index, person] of chosen.entries()) {
    const area = areaOf(person.theme)!;
    // Six mois le plus souvent ; un an pour un sur quatre ; deux domaines pour un sur trois.
    const duration: Duration = index % 4 === 3 ? 'un_an' : 'six_mois';
    const areas: Area[] = index % 3 === 2 && area !== 'argent' ? [area, 'argent'] : [area];
    const signedAt = new Date(person.at.getTime() - 150 * DAY - 20 * 60_000 + (index % 5) * 30 * DAY);
    const expiresAt = expiryOf(signedAt, duration);
    const revokedAt = index % 7 === 6 ? new Date(today.getTime() - 3 * DAY) : null;
    const [row] = await tx
      .insert(mandates)
      .values({
        structureId,
        personId: person.personId,
        mediatorId: person.mediatorId,
        areas,
        duration,
        consentItems: Object.keys(CONSENT_ITEMS),
        noProtectionMeasure: true,
        createdAt: new Date(signedAt.getTime() - 10 * 60_000),
        signatureMethod: index % 2 === 0 ? 'ecran_nom' : 'papier',
        signedAt,
        signerName: index % 2 === 0 ? [person.firstName, person.lastName].filter(Boolean).join(' ') : null,
        paperSignedOn: index % 2 === 0 ? null : localDay(signedAt),
        expiresAt,
        revokedAt,
        revokedBy: revokedAt ? person.mediatorId : null,
        revocationReason: revokedAt ? 'À la demande de la personne, qui fait désormais ses démarches seule.' : null,
      })
      .returning({ id: mandates.id });
    created.push({ id: row!.id, personId: person.personId, areas, signedAt, expiresAt, revokedAt });
  }
  // Un mandat établi hier, qui attend la signature de la personne (papier).
  if (chosen[0])
    await tx.insert(mandates).values({
      structureId,
      personId: chosen[0].personId,
      mediatorId: chosen[0].mediatorId,
      areas: ['papiers'],
      duration: 'un_mois',
      consentItems: Object.keys(CONSENT_ITEMS),
      noProtectionMeasure: true,
      createdAt: new Date(today.getTime() - DAY),
    });
  await journalActs(tx, structureId, created);
}

const areaOf = (theme: string | null) => (theme ? (AREA_OF_THEME[theme as Theme] ?? null) : null);

/** Chaque démarche « faite à la place » couverte par un mandat rejoint le journal, dans l'ordre du temps. */
async function journalActs(
  tx: Tx,
  structureId: string,
  created: Array<{ id: string; personId: string; areas: Area[]; signedAt: Date; expiresAt: Date; revokedAt: Date | null }>,
) {
  if (created.length === 0) return;
  const done = await tx
    .select()
    .from(solicitations)
    .where(
      and(
        eq(solicitations.structureId, structureId),
        eq(solicitations.mode, 'fait_a_la_place'),
        inArray(
          solicitations.personId,
          created.map((c) => c.personId),
        ),
      ),
    )
    .orderBy(asc(solicitations.occurredAt));
  for (const s of done) {
    const area = areaOf(s.theme);
    const mandate = area ? created.find((m) => m.personId === s.personId && coverage(m, area, s.occurredAt) === 'couvert') : undefined;
    if (!area || !mandate) continue;
    await appendAct(
      tx,
      structureId,
      {
        mandateId: mandate.id,
        personId: s.personId!,
        solicitationId: s.id,
        area,
        procedure: s.procedure,
        onlineService: ONLINE_SERVICES[s.organisations[0]!] ?? 'service-public.fr',
        whatDone: s.procedure ? `${s.procedure} : faite en ligne, la personne présente` : 'Démarche faite en ligne, la personne présente',
        occurredAt: s.occurredAt,
        actorId: s.mediatorId,
      },
      new Date(s.occurredAt.getTime() + (s.durationMinutes + 2) * 60_000),
    );
  }
}
