// Les inscriptions aux ateliers (issue 23) : inscrire une personne (une place, ou la liste d'attente si la séance est
// complète et qu'on le demande), désinscrire, confirmer ou refuser une place proposée, noter les présences. La place
// de trop est refusée par la base (compteur et contrainte de la séance), même sous des inscriptions simultanées.
import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { hasSqlState, isUniqueViolation, type Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { planSteps } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { persons, solicitations } from '../reception/schema';
import { notifyRegistration } from './notifications.server';
import { offerFreedSeats } from './offers.server';
import { canMarkAttendance, holdsSeat, isOpen } from './rules';
import { placeOfSession, sessionOfRegistration, workshopOfSession, workshopRegistrations, workshops, workshopSessions } from './schema';
import type { Attendance, RegistrationStatus } from './vocabulary';

export type RegisterOutcome =
  | { ok: true; id: string; status: 'inscrit' | 'attente' }
  | {
      ok: false;
      field: 'sessionId' | 'personId' | 'planStepId';
      reason: 'inconnue' | 'fermee' | 'complete' | 'deja' | 'personne' | 'etape';
      taken?: number;
      capacity?: number;
    };

const FULL = 'workshop_sessions_places';

/**
 * Inscrit la personne à la séance. Complète : refusée (`complete`, avec le compte), sauf si `waitingList` : elle prend
 * alors son rang sur la liste d'attente. L'étape du plan dont vient l'inscription passe « en cours ».
 */
export async function registerPerson(
  ctx: RequestContext,
  input: { sessionId: string; personId: string; planStepId: string | null; waitingList: boolean },
): Promise<RegisterOutcome> {
  const { tx, actor, now } = ctx;
  const [session] = await tx
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, actor.structureId), eq(workshopSessions.id, input.sessionId)));
  if (!session) return { ok: false, field: 'sessionId', reason: 'inconnue' };
  if (!isOpen(session, now)) return { ok: false, field: 'sessionId', reason: 'fermee' };
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, input.personId), isNull(persons.anonymisedAt)));
  if (!person) return { ok: false, field: 'personId', reason: 'personne' };
  if (input.planStepId) {
    const [step] = await tx
      .select({ id: planSteps.id })
      .from(planSteps)
      .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.id, input.planStepId), eq(planSteps.personId, input.personId)));
    if (!step) return { ok: false, field: 'planStepId', reason: 'etape' };
  }
  const insert = (status: 'inscrit' | 'attente') =>
    // Un point de reprise : la place refusée ou le doublon n'annulent pas le reste de la requête.
    tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(workshopRegistrations)
        .values({
          structureId: actor.structureId,
          sessionId: input.sessionId,
          personId: input.personId,
          status,
          via: 'agent',
          registeredBy: actor.userId,
          planStepId: input.planStepId,
          statusAt: now,
          statusBy: actor.userId,
        })
        .returning({ id: workshopRegistrations.id });
      return row!.id;
    });
  let id: string;
  let status: 'inscrit' | 'attente' = 'inscrit';
  try {
    id = await insert('inscrit');
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: 'sessionId', reason: 'deja' };
    if (!hasSqlState(error, '23514', FULL)) throw error;
    if (!input.waitingList)
      return { ok: false, field: 'sessionId', reason: 'complete', taken: session.seatsTaken, capacity: session.capacity };
    try {
      id = await insert('attente');
      status = 'attente';
    } catch (again) {
      if (isUniqueViolation(again)) return { ok: false, field: 'sessionId', reason: 'deja' };
      throw again;
    }
  }
  if (input.planStepId)
    await tx
      .update(planSteps)
      .set({ status: 'en_cours', statusAt: now })
      .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.id, input.planStepId), eq(planSteps.status, 'a_faire')));
  await recordAudit(tx, actor, 'inscription.ajoutee', { type: 'personne', id: input.personId }, { seance: input.sessionId, etat: status });
  await notifyRegistration(tx, actor.structureId, id, status === 'inscrit' ? 'inscription' : 'attente', now);
  return { ok: true, id, status };
}

/** Ce qu'un agent fait d'une inscription : désinscrire, confirmer une place proposée (la personne a appelé), la refuser. */
export type RegistrationChange = 'desinscrire' | 'confirmer' | 'refuser';

const FROM: Record<RegistrationChange, RegistrationStatus[]> = {
  desinscrire: ['inscrit', 'proposee', 'attente'],
  confirmer: ['proposee'],
  refuser: ['proposee'],
};

/** Change l'inscription ; une place rendue va aussitôt à la première personne en attente. */
export async function changeRegistration(
  { tx, actor, now }: RequestContext,
  sessionId: string,
  registrationId: string,
  change: RegistrationChange,
) {
  const [session] = await tx
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, actor.structureId), eq(workshopSessions.id, sessionId)));
  if (!session) return 'inconnue' as const;
  if (!isOpen(session, now)) return 'fermee' as const;
  const to: RegistrationStatus = change === 'confirmer' ? 'inscrit' : 'desinscrit';
  const [updated] = await tx
    .update(workshopRegistrations)
    .set({ status: to, statusAt: now, statusBy: actor.userId, ...(to === 'inscrit' ? { offerExpiresAt: null } : {}) })
    .where(
      and(
        eq(workshopRegistrations.structureId, actor.structureId),
        eq(workshopRegistrations.sessionId, sessionId),
        eq(workshopRegistrations.id, registrationId),
        inArray(workshopRegistrations.status, FROM[change]),
      ),
    )
    .returning({ personId: workshopRegistrations.personId });
  if (!updated) return 'inconnue' as const;
  await recordAudit(tx, actor, 'inscription.changee', { type: 'personne', id: updated.personId }, { seance: sessionId, etat: to });
  if (to === 'inscrit') await notifyRegistration(tx, actor.structureId, registrationId, 'inscription', now);
  else await offerFreedSeats(tx, actor.structureId, sessionId, now);
  return 'fait' as const;
}

/**
 * Note la présence de chacun (présent, absent, excusé) pour une séance commencée (ou du jour) et non annulée. Une
 * présence fait passer l'étape du plan liée à « faite ». Rend le nombre de présences notées.
 */
export async function markAttendance({ tx, actor, now }: RequestContext, sessionId: string, marks: Record<string, Attendance>) {
  const [session] = await tx
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, actor.structureId), eq(workshopSessions.id, sessionId)));
  if (!session) return { ok: false as const, reason: 'inconnue' as const };
  if (session.cancelledAt) return { ok: false as const, reason: 'annulee' as const };
  if (!canMarkAttendance(session, now)) return { ok: false as const, reason: 'a_venir' as const };
  const rows = await tx
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.structureId, actor.structureId), eq(workshopRegistrations.sessionId, sessionId)));
  let marked = 0;
  for (const row of rows) {
    const mark = marks[row.id];
    if (!mark || !holdsSeat(row.status) || row.status === mark) continue;
    await tx
      .update(workshopRegistrations)
      .set({
        status: mark,
        statusAt: now,
        statusBy: actor.userId,
        offerExpiresAt: null,
        afterIndividualHelp: mark === 'present' && (await helpedBefore(tx, actor.structureId, row.personId, session.startsAt)),
      })
      .where(and(eq(workshopRegistrations.structureId, actor.structureId), eq(workshopRegistrations.id, row.id)));
    if (mark === 'present' && row.planStepId)
      await tx
        .update(planSteps)
        .set({ status: 'faite', statusAt: now })
        .where(
          and(
            eq(planSteps.structureId, actor.structureId),
            eq(planSteps.id, row.planStepId),
            inArray(planSteps.status, ['a_faire', 'en_cours']),
          ),
        );
    marked++;
  }
  if (marked > 0) await recordAudit(tx, actor, 'presences.notees', { type: 'seance', id: sessionId }, { presences: marked });
  return { ok: true as const, marked };
}

/** La personne a-t-elle été aidée une à une (une sollicitation) avant ce moment ? */
async function helpedBefore(tx: Tx, structureId: string, personId: string, before: Date) {
  const [row] = await tx
    .select({ id: solicitations.id })
    .from(solicitations)
    .where(and(eq(solicitations.structureId, structureId), eq(solicitations.personId, personId), lt(solicitations.occurredAt, before)))
    .limit(1);
  return Boolean(row);
}

/** Les ateliers d'une personne : chaque inscription, la plus récente séance d'abord. */
export function workshopsOfPerson(tx: Tx, structureId: string, personId: string) {
  return tx
    .select({
      id: workshopRegistrations.id,
      sessionId: workshopRegistrations.sessionId,
      status: workshopRegistrations.status,
      createdAt: workshopRegistrations.createdAt,
      statusAt: workshopRegistrations.statusAt,
      title: workshops.title,
      startsAt: workshopSessions.startsAt,
      placeName: places.name,
      cancelledAt: workshopSessions.cancelledAt,
      stepLabel: planSteps.label,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, sessionOfRegistration)
    .innerJoin(workshops, workshopOfSession)
    .innerJoin(places, placeOfSession)
    .leftJoin(
      planSteps,
      and(eq(planSteps.structureId, workshopRegistrations.structureId), eq(planSteps.id, workshopRegistrations.planStepId)),
    )
    .where(and(eq(workshopRegistrations.structureId, structureId), eq(workshopRegistrations.personId, personId)))
    .orderBy(desc(workshopSessions.startsAt));
}

/** Les étapes « atelier collectif » encore ouvertes du plan de la personne : d'où peut venir l'inscription. */
export function openWorkshopSteps(tx: Tx, structureId: string, personId: string) {
  return tx
    .select({ id: planSteps.id, label: planSteps.label })
    .from(planSteps)
    .where(
      and(
        eq(planSteps.structureId, structureId),
        eq(planSteps.personId, personId),
        eq(planSteps.kind, 'atelier_collectif'),
        inArray(planSteps.status, ['a_faire', 'en_cours']),
      ),
    );
}
