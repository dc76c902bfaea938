// Les rendez-vous (issue 22) : les créneaux libres d'un motif, la prise (une fois, même à deux au même instant), le
// planning du jour ou de la semaine, « à renseigner », l'état noté, l'annulation par le service.
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { isExclusionViolation, sqlRows, type Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { users } from '../../platform/schema';
import { addDays, daysRange, localDay } from '../../platform/time';
import { fullName } from '../../platform/text';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { agentWindow, canMark, isToFill, unavailableReason, type MarkedStatus, type Unavailable } from './booking';
import { notifyAppointment } from './notifications.server';
import { asOpeningRange } from './ranges';
import { appointmentMotifs, appointments, openingRanges, motifOfAppointment } from './schema';
import { bookingWindow, freeSlots, publicHolidays, type Busy, type Motif } from './slots';
import type { BookedVia } from './vocabulary';

export async function activeMotif(tx: Tx, structureId: string, motifId: string) {
  const [motif] = await tx
    .select()
    .from(appointmentMotifs)
    .where(and(eq(appointmentMotifs.structureId, structureId), eq(appointmentMotifs.id, motifId), isNull(appointmentMotifs.archivedAt)));
  return motif ?? null;
}

interface BusyRow {
  agent_id: string;
  starts_at: string | Date;
  ends_at: string | Date;
  kind: 'absence' | 'rendez_vous';
}

/**
 * Les plages actives, les absences et les rendez-vous qui tiennent entre deux jours compris : de quoi calculer. Le
 * temps pris vient de relais_busy_between, qui ne dit ni qui ni pourquoi : la même lecture sert à la personne.
 */
async function planning(tx: Tx, structureId: string, from: string, to: string) {
  const { start, end } = daysRange(from, to);
  const ranges = await tx
    .select()
    .from(openingRanges)
    .where(and(eq(openingRanges.structureId, structureId), isNull(openingRanges.archivedAt)));
  const busy = await sqlRows<BusyRow>(tx, sql`select * from relais_busy_between(${structureId}::uuid, ${start}, ${end})`);
  const asBusy = (row: BusyRow) => ({ agentId: row.agent_id, start: new Date(row.starts_at), end: new Date(row.ends_at) });
  return {
    ranges: ranges.map((r) => asOpeningRange(r)),
    away: busy.filter((row) => row.kind === 'absence').map(asBusy),
    taken: busy.filter((row) => row.kind === 'rendez_vous').map(asBusy),
    holidays: new Set(publicHolidays(from, to)),
  };
}

const asMotif = (row: typeof appointmentMotifs.$inferSelect): Motif => ({
  id: row.id,
  durationMinutes: row.durationMinutes,
  minNoticeMinutes: row.minNoticeMinutes,
  maxDaysAhead: row.maxDaysAhead,
});

/** Les créneaux libres d'un motif entre deux jours, pour un agent (sans délai) ou en ligne (fenêtre du motif). */
export async function slotsFor(
  tx: Tx,
  structureId: string,
  motif: typeof appointmentMotifs.$inferSelect,
  from: string,
  to: string,
  now: Date,
  audience: BookedVia,
) {
  const window = audience === 'agent' ? agentWindow(asMotif(motif)) : asMotif(motif);
  const { ranges, away, taken, holidays } = await planning(tx, structureId, from, to);
  const busy: Busy[] = [...away, ...taken];
  return freeSlots({ ranges, motif: window, busy, holidays, now, from, to });
}

/** Les noms des agents et des lieux d'accueil, pour dire un créneau en clair. */
export async function slotLabels(tx: Tx, structureId: string) {
  const agents = await tx.select({ id: users.id, name: users.displayName }).from(users);
  const sites = await tx.select({ id: places.id, name: places.name }).from(places).where(eq(places.structureId, structureId));
  return { agents: new Map(agents.map((a) => [a.id, a.name])), sites: new Map(sites.map((s) => [s.id, s.name])) };
}

export interface BookingRequest {
  personId: string;
  motifId: string;
  agentId: string;
  siteId: string;
  start: Date;
  referralId?: string | null;
  /** « Prévenez-moi si une place plus tôt se libère. » */
  earlierWanted?: boolean;
  /** Changement d'heure par le service : le rendez-vous remplacé. */
  replacesId?: string | null;
}

export type BookingResult = { ok: true; id: string } | { ok: false; error: Unavailable | 'motif_inconnu' | 'personne_inconnue' };

/**
 * Prend le rendez-vous si le créneau est libre à cet instant. Les prises d'un même agent passent une à une (verrou de
 * transaction) ; la contrainte d'exclusion de la base refuse de toute façon un second rendez-vous sur le même temps.
 */
export async function bookAppointment(
  tx: Tx,
  booker: { structureId: string; userId: string | null },
  request: BookingRequest,
  via: BookedVia,
  now: Date,
): Promise<BookingResult> {
  const { structureId } = booker;
  const motif = await activeMotif(tx, structureId, request.motifId);
  if (!motif || (via === 'habitant' && motif.bookableBy !== 'habitants') || (via === 'partenaire' && motif.bookableBy === 'agents'))
    return { ok: false, error: 'motif_inconnu' };
  // Le partenaire ne lit pas les fiches : la personne vient de l'orientation reçue (relais_received_referral).
  if (via !== 'partenaire') {
    const [person] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.structureId, structureId), eq(persons.id, request.personId), isNull(persons.anonymisedAt)));
    if (!person) return { ok: false, error: 'personne_inconnue' };
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rdv:${request.agentId}`}, 0))`);
  const day = localDay(request.start);
  const slots = await slotsFor(tx, structureId, motif, day, day, now, via);
  const slot = slots.find(
    (s) => s.agentId === request.agentId && s.siteId === request.siteId && s.start.getTime() === request.start.getTime(),
  );
  const end = new Date(request.start.getTime() + motif.durationMinutes * 60_000);
  if (!slot) return { ok: false, error: await whyUnavailable(tx, structureId, motif, request, end, now, via) };
  try {
    const id = await tx.transaction(async (savepoint) => {
      const [row] = await savepoint
        .insert(appointments)
        .values({
          structureId,
          personId: request.personId,
          motifId: motif.id,
          agentId: request.agentId,
          siteId: request.siteId,
          startsAt: request.start,
          endsAt: end,
          bookedVia: via,
          bookedBy: booker.userId,
          referralId: request.referralId ?? null,
          earlierWanted: request.earlierWanted ?? false,
          replacesId: request.replacesId ?? null,
          createdAt: now,
        })
        .returning({ id: appointments.id });
      return row!.id;
    });
    // La personne et le partenaire laissent leur trace par une fonction de la base (migrations 0067, 0068).
    if (via === 'agent' && booker.userId)
      await recordAudit(
        tx,
        { structureId, userId: booker.userId },
        'rdv.pris',
        { type: 'rendez_vous', id },
        { personne: request.personId },
      );
    return { ok: true, id };
  } catch (error) {
    if (isExclusionViolation(error)) return { ok: false, error: 'pris' };
    throw error;
  }
}

async function whyUnavailable(
  tx: Tx,
  structureId: string,
  motif: typeof appointmentMotifs.$inferSelect,
  request: BookingRequest,
  end: Date,
  now: Date,
  via: BookedVia,
) {
  const day = localDay(request.start);
  const window = bookingWindow(via === 'agent' ? agentWindow(asMotif(motif)) : asMotif(motif), now);
  const { away, taken, holidays } = await planning(tx, structureId, day, day);
  const overlaps = (b: { agentId: string; start: Date; end: Date }) =>
    b.agentId === request.agentId && b.start < end && b.end > request.start;
  return unavailableReason({
    start: request.start,
    end,
    now,
    ...window,
    holiday: holidays.has(day),
    overlapsAbsence: away.some(overlaps),
    overlapsAppointment: taken.some(overlaps),
  });
}

/** Le planning entre deux jours compris (un agent, ou tous), dans l'ordre des heures, avec ce qui est « à renseigner ». */
export async function planningBetween({ tx, actor, now }: RequestContext, from: string, to: string, agentId: string | null) {
  const { start, end } = daysRange(from, to);
  const rows = await tx
    .select({
      appointment: appointments,
      firstName: persons.firstName,
      lastName: persons.lastName,
      motifName: appointmentMotifs.name,
      siteName: places.name,
      agentName: users.displayName,
    })
    .from(appointments)
    .innerJoin(persons, and(eq(persons.structureId, appointments.structureId), eq(persons.id, appointments.personId)))
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(places, and(eq(places.structureId, appointments.structureId), eq(places.id, appointments.siteId)))
    .innerJoin(users, eq(users.id, appointments.agentId))
    .where(
      and(
        eq(appointments.structureId, actor.structureId),
        gte(appointments.startsAt, start),
        lt(appointments.startsAt, end),
        agentId ? eq(appointments.agentId, agentId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(users.displayName))
    .limit(1000);
  return rows.map((r) => ({
    ...r.appointment,
    personName: fullName(r.firstName, r.lastName),
    motifName: r.motifName,
    siteName: r.siteName,
    agentName: r.agentName,
    toFill: isToFill(r.appointment.status, r.appointment.endsAt, now),
  }));
}

/** Les rendez-vous passés encore « prévus » des 60 derniers jours (un agent, ou tous) : à renseigner. */
export async function toFill(ctx: RequestContext, agentId: string | null) {
  const today = localDay(ctx.now);
  const rows = await planningBetween(ctx, addDays(today, -60), today, agentId);
  return rows.filter((row) => row.toFill);
}

/** Un rendez-vous de la structure, avec ce qu'il faut pour sa page. */
export async function readAppointment({ tx, actor }: RequestContext, id: string) {
  const [row] = await tx
    .select({ appointment: appointments, person: persons, motif: appointmentMotifs, siteName: places.name, agentName: users.displayName })
    .from(appointments)
    .innerJoin(persons, and(eq(persons.structureId, appointments.structureId), eq(persons.id, appointments.personId)))
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(places, and(eq(places.structureId, appointments.structureId), eq(places.id, appointments.siteId)))
    .innerJoin(users, eq(users.id, appointments.agentId))
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id)));
  return row ?? null;
}

export type StatusResult = { ok: true } | { ok: false; error: 'introuvable' | 'trop_tot' | 'annule' };

/** Note l'état d'un rendez-vous (honoré, absent, excusé). Excusé libère le créneau. */
export async function markAppointment({ tx, actor, now }: RequestContext, id: string, status: MarkedStatus): Promise<StatusResult> {
  const [current] = await tx
    .select({ status: appointments.status, startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id)))
    .for('update');
  if (!current) return { ok: false, error: 'introuvable' };
  if (current.status === 'annule') return { ok: false, error: 'annule' };
  if (!canMark(current.status, status, current.startsAt, now))
    return current.status === status ? { ok: true } : { ok: false, error: 'trop_tot' };
  await tx
    .update(appointments)
    .set({ status, statusAt: now, statusBy: actor.userId })
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id)));
  await recordAudit(tx, actor, 'rdv.statut', { type: 'rendez_vous', id }, { etat: status });
  return { ok: true };
}

/** La prise par un agent (au guichet, au téléphone) : le rendez-vous, puis la confirmation à la personne. */
export async function bookByAgent(ctx: RequestContext, request: BookingRequest) {
  const result = await bookAppointment(ctx.tx, ctx.actor, request, 'agent', ctx.now);
  if (result.ok) await notifyAppointment(ctx.tx, ctx.services, ctx.actor.structureId, result.id, 'confirmation', ctx.now);
  return result;
}

/** Un refus de prise qui défait tout un point de reprise (changement d'heure : l'ancien rendez-vous reste prévu). */
export class BookingRefused<Result> extends Error {
  constructor(readonly result: Result) {
    super('prise refusée');
  }
}

export type MoveResult = BookingResult | { ok: false; error: 'introuvable' | 'plus_prevu' };

/**
 * Le service change l'heure d'un rendez-vous prévu (même personne, même motif, même orientation) : l'ancien est
 * annulé et le nouveau pris ensemble, ou rien ne change ; la personne reçoit « votre rendez-vous a changé ».
 */
export async function moveByAgent(ctx: RequestContext, id: string, slot: { agentId: string; siteId: string; start: Date }) {
  const { tx, actor, now, services } = ctx;
  const [current] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id)))
    .for('update');
  if (!current) return { ok: false, error: 'introuvable' } as MoveResult;
  if (current.status !== 'prevu') return { ok: false, error: 'plus_prevu' } as MoveResult;
  let booked: { ok: true; id: string };
  try {
    booked = await tx.transaction(async (savepoint) => {
      await savepoint
        .update(appointments)
        .set({ status: 'annule', cancelledBy: 'service', cancelReason: 'Heure changée', statusAt: now, statusBy: actor.userId })
        .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id)));
      const request = { personId: current.personId, motifId: current.motifId, referralId: current.referralId, replacesId: id, ...slot };
      const result = await bookAppointment(savepoint, actor, request, 'agent', now);
      if (!result.ok) throw new BookingRefused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof BookingRefused) return error.result as MoveResult;
    throw error;
  }
  await recordAudit(tx, actor, 'rdv.change', { type: 'rendez_vous', id: booked.id }, { remplace: id });
  await notifyAppointment(tx, services, actor.structureId, booked.id, 'changement', now);
  return booked as MoveResult;
}

/** Le rendez-vous qui remplace celui-ci (changé d'heure), s'il y en a un. */
export async function replacementOf({ tx, actor }: RequestContext, id: string) {
  const [row] = await tx
    .select({ id: appointments.id, startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.replacesId, id)));
  return row ?? null;
}

/** Le service annule un rendez-vous prévu, en disant pourquoi (la personne est prévenue) ; false s'il n'est plus prévu. */
export async function cancelByService({ tx, actor, now, services }: RequestContext, id: string, reason: string) {
  const [row] = await tx
    .update(appointments)
    .set({ status: 'annule', cancelledBy: 'service', cancelReason: reason, statusAt: now, statusBy: actor.userId })
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.id, id), eq(appointments.status, 'prevu')))
    .returning({ id: appointments.id });
  if (!row) return false;
  await recordAudit(tx, actor, 'rdv.annule', { type: 'rendez_vous', id });
  await notifyAppointment(tx, services, actor.structureId, id, 'annulation', now);
  return true;
}

/** Les rendez-vous à venir et récents d'une personne (sa fiche). */
export async function appointmentsOfPerson({ tx, actor }: RequestContext, personId: string) {
  return tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      motifName: appointmentMotifs.name,
      agentName: users.displayName,
    })
    .from(appointments)
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(users, eq(users.id, appointments.agentId))
    .where(and(eq(appointments.structureId, actor.structureId), eq(appointments.personId, personId)))
    .orderBy(sql`${appointments.startsAt} desc`)
    .limit(20);
}

const CHANNEL_OF: Record<string, 'sur_place' | 'telephone' | 'domicile' | 'a_distance'> = {
  sur_place: 'sur_place',
  telephone: 'telephone',
  domicile: 'domicile',
  visio: 'a_distance',
};

/**
 * Ce qu'un rendez-vous honoré préremplit dans la sollicitation : la personne, l'organisme et le motif, la durée,
 * l'heure, le lieu et le canal. null s'il n'est pas de la structure, pas honoré, ou déjà noté.
 */
export async function solicitationPrefill({ tx, actor }: RequestContext, id: string) {
  const [row] = await tx
    .select({ appointment: appointments, motif: appointmentMotifs })
    .from(appointments)
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .where(
      and(
        eq(appointments.structureId, actor.structureId),
        eq(appointments.id, id),
        eq(appointments.status, 'honore'),
        isNull(appointments.solicitationId),
      ),
    );
  if (!row) return null;
  const { appointment, motif } = row;
  return {
    appointmentId: appointment.id,
    personId: appointment.personId,
    organisation: motif.organisation,
    procedure: motif.name,
    durationMinutes: Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000),
    startsAt: appointment.startsAt,
    siteId: appointment.siteId,
    channel: CHANNEL_OF[motif.locationType] ?? 'sur_place',
  };
}

/** Relie la sollicitation notée au rendez-vous honoré de la même personne (une fois). */
export async function linkSolicitation({ tx, actor }: RequestContext, appointmentId: string, solicitationId: string, personId: string) {
  await tx
    .update(appointments)
    .set({ solicitationId })
    .where(
      and(
        eq(appointments.structureId, actor.structureId),
        eq(appointments.id, appointmentId),
        eq(appointments.personId, personId),
        eq(appointments.status, 'honore'),
        isNull(appointments.solicitationId),
      ),
    );
}
