// Les rendez-vous de la démonstration (issue 22) : les motifs d'un CCAS qui planifie ses accompagnements longs ; les
// plages de ses médiateurs sur deux lieux d'accueil (chaque semaine, et un samedi par mois) ; une formation la semaine
// prochaine ; six semaines de rendez-vous passés (honorés pour la plupart, quelques absents et excusés, deux « à
// renseigner ») et trois semaines à venir, aujourd'hui compris. Les créneaux viennent du même calcul que l'application.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { addDays, localDateTime, localDay, mondayOf } from '../../platform/time';
import { asOpeningRange } from '../appointments/ranges';
import { absences, appointmentMotifs, appointments, openingRanges } from '../appointments/schema';
import { freeSlots, publicHolidays, type Busy } from '../appointments/slots';
import type { AppointmentStatus } from '../appointments/vocabulary';
import { persons } from '../reception/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { random } from './story';

type DemoMotif = Omit<typeof appointmentMotifs.$inferInsert, 'structureId'>;

const MOTIFS: Record<string, DemoMotif[]> = {
  alpha: [
    {
      name: 'Déclarer ses revenus en ligne',
      durationMinutes: 45,
      locationType: 'sur_place',
      bookableBy: 'habitants',
      organisation: 'dgfip',
      instructions: 'Apportez votre dernier avis d’impôt et votre téléphone. Jamais votre mot de passe écrit.',
    },
    {
      name: 'Démarches CAF',
      durationMinutes: 30,
      locationType: 'sur_place',
      bookableBy: 'habitants',
      organisation: 'caf',
      instructions: 'Apportez votre numéro d’allocataire et vos derniers justificatifs de ressources.',
    },
    {
      name: 'Créer et utiliser son adresse e-mail',
      durationMinutes: 60,
      locationType: 'sur_place',
      bookableBy: 'agents',
      organisation: null,
    },
    { name: 'Point téléphonique après une orientation', durationMinutes: 20, locationType: 'telephone', bookableBy: 'partenaires' },
  ],
  beta: [
    { name: 'Premier accompagnement numérique', durationMinutes: 45, locationType: 'sur_place', bookableBy: 'habitants' },
    {
      name: 'Dossier France Travail',
      durationMinutes: 30,
      locationType: 'sur_place',
      bookableBy: 'agents',
      organisation: 'france_travail',
    },
  ],
};

export async function writeDemoMotifs(tx: Tx, structureId: string, slug: string) {
  const [existing] = await tx.select({ n: count() }).from(appointmentMotifs).where(eq(appointmentMotifs.structureId, structureId));
  if ((existing?.n ?? 0) > 0) return;
  const motifs = MOTIFS[slug] ?? [];
  if (motifs.length) await tx.insert(appointmentMotifs).values(motifs.map((m) => ({ ...m, structureId })));
}

type RangeValues = Omit<typeof openingRanges.$inferInsert, 'structureId' | 'agentId' | 'siteId' | 'motifIds' | 'firstDay'>;
/** Les plages de chaque médiateur (dans l'ordre de la structure), sur le premier ou le second lieu d'accueil. */
const RANGES: Array<Array<RangeValues & { site: 0 | 1 }>> = [
  [{ site: 0, frequency: 'hebdomadaire', interval: 1, weekdays: [0, 1, 3], startTime: '09:00', endTime: '12:00' }],
  [{ site: 0, frequency: 'hebdomadaire', interval: 1, weekdays: [1, 2, 4], startTime: '14:00', endTime: '17:00' }],
  [
    { site: 1, frequency: 'hebdomadaire', interval: 1, weekdays: [2], startTime: '09:00', endTime: '12:00' },
    { site: 1, frequency: 'mensuelle', interval: 1, weekdays: [5], nth: 1, startTime: '09:00', endTime: '12:00' },
  ],
];

export async function appointmentsSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(openingRanges).where(eq(openingRanges.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** Plages, une absence, et neuf semaines de rendez-vous autour d'aujourd'hui (voir l'en-tête). */
export async function writeDemoAppointments(tx: Tx, structureId: string, mediatorIds: string[], today: Date, seed: number) {
  const motifs = await tx
    .select()
    .from(appointmentMotifs)
    .where(and(eq(appointmentMotifs.structureId, structureId), isNull(appointmentMotifs.archivedAt)));
  const onSite = motifs.filter((m) => m.locationType === 'sur_place');
  const sites = await receptionSitesIn(tx, structureId);
  if (onSite.length === 0 || sites.length === 0) return;
  const day = localDay(today);
  const firstDay = mondayOf(addDays(day, -42));
  const rows = mediatorIds.flatMap((agentId, index) =>
    (RANGES[index] ?? []).map(({ site, ...range }) => ({
      ...range,
      structureId,
      agentId,
      siteId: sites[Math.min(site, sites.length - 1)]!.id,
      motifIds: onSite.map((m) => m.id),
      firstDay,
    })),
  );
  const ranges = await tx.insert(openingRanges).values(rows).returning();
  // Une formation d'une journée, le jeudi de la semaine prochaine, pour le deuxième médiateur (ou le seul).
  const trainingDay = addDays(mondayOf(addDays(day, 7)), 3);
  await tx.insert(absences).values({
    structureId,
    agentId: mediatorIds[1] ?? mediatorIds[0]!,
    startsAt: localDateTime(`${trainingDay}T08:00`),
    endsAt: localDateTime(`${trainingDay}T18:00`),
    kind: 'formation',
  });
  const people = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, structureId), isNull(persons.anonymisedAt)))
    .orderBy(persons.createdAt)
    .limit(200);
  if (people.length === 0) return;
  const rand = random(seed);
  const from = firstDay;
  const to = addDays(day, 21);
  const busy: Busy[] = [
    {
      agentId: mediatorIds[1] ?? mediatorIds[0]!,
      start: localDateTime(`${trainingDay}T08:00`),
      end: localDateTime(`${trainingDay}T18:00`),
    },
  ];
  const holidays = new Set(publicHolidays(from, to));
  const values: Array<typeof appointments.$inferInsert> = [];
  // Chaque motif à son tour, jusqu'à remplir à peu près un créneau sur trois (la démonstration reste lisible).
  for (const motif of onSite) {
    const slots = freeSlots({
      ranges: ranges.map((r) => asOpeningRange(r)),
      motif: { id: motif.id, durationMinutes: motif.durationMinutes, minNoticeMinutes: 0, maxDaysAhead: 366 },
      busy,
      holidays,
      now: localDateTime(`${from}T00:00`),
      from,
      to,
    });
    for (const slot of slots) {
      if (rand() > 0.35 / onSite.length) continue;
      if (busy.some((b) => b.agentId === slot.agentId && b.start < slot.end && b.end > slot.start)) continue;
      busy.push({ agentId: slot.agentId, start: slot.start, end: slot.end });
      const past = slot.end.getTime() <= today.getTime();
      const roll = rand();
      const status: AppointmentStatus = !past
        ? 'prevu'
        : roll < 0.74
          ? 'honore'
          : roll < 0.87
            ? 'absent'
            : roll < 0.95
              ? 'excuse'
              : 'annule';
      const byPerson = rand() < 0.3 && motif.bookableBy === 'habitants';
      values.push({
        structureId,
        personId: people[Math.floor(rand() * people.length)]!.id,
        motifId: motif.id,
        agentId: slot.agentId,
        siteId: slot.siteId,
        startsAt: slot.start,
        endsAt: slot.end,
        status,
        bookedVia: byPerson ? 'habitant' : 'agent',
        bookedBy: byPerson ? null : slot.agentId,
        cancelledBy: status === 'annule' ? 'personne' : null,
        statusAt: past && status !== 'prevu' ? slot.end : null,
        statusBy: past && status !== 'prevu' && status !== 'annule' ? slot.agentId : null,
        // Une personne sur deux qui prend elle-même un rendez-vous à venir demande une place plus tôt.
        earlierWanted: byPerson && !past && values.length % 2 === 0,
        createdAt: new Date(slot.start.getTime() - (2 + Math.floor(rand() * 20)) * 86_400_000),
      });
    }
  }
  // Deux rendez-vous passés restent « à renseigner » : le médiateur les verra en tête de sa journée.
  const pending = values.filter((v) => v.status === 'honore').slice(-2);
  for (const v of pending) Object.assign(v, { status: 'prevu', statusAt: null, statusBy: null });
  for (let i = 0; i < values.length; i += 200) await tx.insert(appointments).values(values.slice(i, i + 200));
}
